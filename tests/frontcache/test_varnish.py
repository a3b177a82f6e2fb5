"""The front cache against a real Varnish: shared what may be shared, nothing personal.

Every page here is served by the shared-page contract's stand-in
(tests/frontcache/stand_in.py); the Varnish, its VCL and the purges are real.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from comments.models import ModerationAction
from comments.services.moderation import moderate_one
from pages.models import HomePage, StandardPage
from tests.comments.factories import CommentFactory
from tests.factories import StandardPageFactory, UserFactory
from tests.frontcache import stand_in


@pytest.fixture
def page(transactional_db, home_page, monkeypatch, front_cache):
    for model in (HomePage, StandardPage):
        monkeypatch.setattr(model, "serve", stand_in.serve)
    return StandardPageFactory(parent=home_page, title="Baustellen im Sommer", slug="baustellen")


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_an_anonymous_page_is_served_from_the_cache(page, front_cache):
    first = front_cache.get(page.url)
    second = front_cache.get(page.url)
    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body
    assert "Baustellen im Sommer" in second.body


def test_other_cookies_do_not_break_sharing_and_never_reach_the_portal(page, front_cache):
    front_cache.get(page.url)
    answer = front_cache.get(page.url, cookies={"csrftoken": "x" * 32, "_pk_id": "1"})
    assert answer.cache == "HIT"
    front_cache.forget_everything()
    answer = front_cache.get(page.url, cookies={"csrftoken": "x" * 32})
    assert answer.cache == "MISS"
    assert "csrf-cookie-received" not in answer.body


def test_the_language_cookie_is_part_of_the_key(page, front_cache):
    front_cache.get(page.url)
    english = front_cache.get(page.url, cookies={"django_language": "en"})
    assert english.cache == "MISS"
    assert front_cache.get(page.url, cookies={"django_language": "en"}).cache == "HIT"


def publish_new_title(page, title):
    page.title = title
    page.save_revision().publish()


def test_a_published_change_is_visible_at_once(page, front_cache):
    front_cache.get(page.url)
    assert front_cache.get(page.url).cache == "HIT"
    publish_new_title(page, "Baustellen im Herbst")
    answer = front_cache.get(page.url)
    assert answer.cache == "MISS"
    assert "Baustellen im Herbst" in answer.body


def test_without_the_purge_the_old_page_would_stay(page, front_cache, settings):
    # The control for the test above: the purge, not the TTL, brings the change.
    front_cache.get(page.url)
    settings.WAGTAILFRONTENDCACHE = None
    publish_new_title(page, "Baustellen im Herbst")
    answer = front_cache.get(page.url)
    assert answer.cache == "HIT"
    assert "Baustellen im Sommer" in answer.body


def test_a_published_page_refreshes_its_listing(page, front_cache, home_page):
    front_cache.get(home_page.url)
    assert front_cache.get(home_page.url).cache == "HIT"
    publish_new_title(page, "Baustellen im Herbst")
    assert front_cache.get(home_page.url).cache == "MISS"


def test_a_hidden_comment_disappears_at_once(page, front_cache, editor):
    comment = CommentFactory(page=page, body="Die Umleitung ist schlecht beschildert")
    assert "schlecht beschildert" in front_cache.get(page.url).body
    assert front_cache.get(page.url).cache == "HIT"
    moderate_one(comment.pk, ModerationAction.HIDE, editor)
    answer = front_cache.get(page.url)
    assert "schlecht beschildert" not in answer.body


def test_a_signed_in_visitors_page_is_never_shared(page, front_cache):
    session = session_of(UserFactory(display_name="Radlerin Rosa"))
    # The shared page first: the signed-in visitor does not get it ...
    front_cache.get(page.url)
    mine = front_cache.get(page.url, cookies={"sessionid": session})
    assert mine.cache == "PASS"
    assert "Radlerin Rosa" in mine.body
    # ... and their page is never served to anyone else.
    for _attempt in range(2):
        assert "Radlerin Rosa" not in front_cache.get(page.url).body


def test_a_signed_in_visitors_page_first_is_not_stored(page, front_cache):
    session = session_of(UserFactory(display_name="Radlerin Rosa"))
    front_cache.get(page.url, cookies={"sessionid": session})
    anonymous = front_cache.get(page.url)
    assert anonymous.cache == "MISS"
    assert "Radlerin Rosa" not in anonymous.body


def test_a_participants_ballot_is_never_served_to_others(page, front_cache):
    mine = front_cache.get(page.url, cookies={"portal_participant": "stimme-von-anna"})
    assert mine.cache == "PASS"
    assert "stimme-von-anna" in mine.body
    for cookies in (None, {"portal_participant": "stimme-von-ben"}, {"django_language": "de"}):
        assert "stimme-von-anna" not in front_cache.get(page.url, cookies=cookies).body


def test_no_csrf_token_of_one_visitor_is_served_to_another(page, front_cache):
    session = session_of(UserFactory())
    mine = front_cache.get(page.url, cookies={"sessionid": session})
    token = re.search(r"value='([^']+)'", mine.body).group(1)
    assert "set-cookie" in mine.headers  # the token comes with its cookie, never stored
    for cookies in (None, {"portal_participant": "b"}, {"sessionid": session_of(UserFactory())}):
        answer = front_cache.get(page.url, cookies=cookies)
        assert token not in answer.body
        assert token not in answer.headers.get("set-cookie", "")


def test_a_post_is_never_cached(page, front_cache):
    # A POST that passes the CSRF check, answered (wrongly) as public by the stand-in.
    secret = "k" * 32
    post = {"cookies": {"csrftoken": secret}, "headers": {"X-CSRFToken": secret}, "body": b"a=1"}
    posted = front_cache.request("POST", page.url, **post)
    assert posted.cache == "PASS"
    assert "method=POST" in posted.body
    after = front_cache.get(page.url)
    assert after.cache == "MISS"
    assert "method=GET" in after.body
    assert front_cache.request("POST", page.url, **post).cache == "PASS"


def test_purges_are_refused_from_outside_the_acl(page, front_cache):
    # 127.0.0.2 is this machine too, but not in acl purgers.
    front_cache.get(page.url)
    refused = front_cache.request("PURGE", page.url, source="127.0.0.2")
    assert refused.status == 405
    assert front_cache.get(page.url, source="127.0.0.2").cache == "HIT"
    assert front_cache.request("PURGE", page.url).status == 200
    assert front_cache.get(page.url).cache == "MISS"


def test_a_view_restriction_takes_the_page_and_its_subpages_out_at_once(page, front_cache):
    from wagtail.models import PageViewRestriction

    child = StandardPageFactory(parent=page, title="Umleitungen", slug="umleitungen")
    for address in (page.url, child.url):
        front_cache.get(address)
        assert front_cache.get(address).cache == "HIT"
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    for address in (page.url, child.url):
        answer = front_cache.get(address)
        assert answer.cache != "HIT"
        assert answer.status == 302  # to the login, not the stored public page


def test_a_moved_page_leaves_its_old_address_at_once(page, front_cache, home_page):
    archive = StandardPageFactory(parent=home_page, title="Archiv", slug="archiv")
    old = page.url
    front_cache.get(old)
    assert front_cache.get(old).cache == "HIT"
    page.move(archive, pos="last-child")
    page.refresh_from_db()
    moved = front_cache.get(old)
    # Wagtail's automatic redirect, not the stored page.
    assert (moved.cache, moved.status) == ("MISS", 301)
    assert moved.headers["location"].endswith(page.url)
    assert "Baustellen im Sommer" in front_cache.get(page.url).body
