"""The front cache against a real Varnish: shared what may be shared, nothing personal.

Real pages (web.shared_pages marks anonymous answers public), a real
varnishd with deploy/varnish/default.vcl, real purges.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from comments.models import ModerationAction
from comments.services.moderation import moderate_one
from polls.services import cast_ballot
from tests.comments.factories import CommentFactory
from tests.factories import ProjectPageFactory, StandardPageFactory, UserFactory
from tests.polls.factories import anonymous, inputs, make_poll, valid_answers
from web.participants import ANONYMOUS_COOKIE, ANONYMOUS_COOKIE_SALT

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def page(transactional_db, home_page, front_cache):
    return StandardPageFactory(parent=home_page, title="Baustellen im Sommer", slug="baustellen")


@pytest.fixture
def project(transactional_db, project_index, front_cache):
    now = timezone.now()
    poll = make_poll(
        placed=False,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    return ProjectPageFactory(
        parent=project_index, title="Radweg am Fluss", body=[("poll", {"poll": poll})]
    )


def participant_cookie(token: str) -> str:
    """The signed value Django's set_signed_cookie would write (django.core.signing)."""
    salt = signing._cookie_signer_salt(ANONYMOUS_COOKIE, ANONYMOUS_COOKIE_SALT)
    return signing.get_cookie_signer(salt=salt).sign(token)


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


def test_other_cookies_do_not_break_sharing(page, front_cache):
    shared = front_cache.get(page.url)
    answer = front_cache.get(page.url, cookies={"csrftoken": "x" * 32, "_pk_id": "1"})
    assert answer.cache == "HIT"
    assert answer.body == shared.body


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


def test_a_hidden_comment_disappears_at_once(project, front_cache, editor):
    comment = CommentFactory(page=project, body="Die Umleitung ist schlecht beschildert")
    assert "schlecht beschildert" in front_cache.get(project.url).body
    assert front_cache.get(project.url).cache == "HIT"
    moderate_one(comment.pk, ModerationAction.HIDE, editor)
    answer = front_cache.get(project.url)
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


def test_a_participants_ballot_is_never_served_to_others(project, front_cache):
    poll = project.body[0].value["poll"]
    cast_ballot(poll, anonymous("browser-anna"), inputs(valid_answers(poll)))
    anna = {ANONYMOUS_COOKIE: participant_cookie("browser-anna")}
    mine = front_cache.get(project.url, cookies=anna)
    assert mine.cache == "PASS"
    assert "poll__voted" in mine.body
    ben = {ANONYMOUS_COOKIE: participant_cookie("browser-ben")}
    for cookies in (ben, None, {"django_language": "de"}, None):
        assert "poll__voted" not in front_cache.get(project.url, cookies=cookies).body


def test_no_csrf_token_of_one_visitor_is_served_to_another(page, front_cache):
    session = session_of(UserFactory())
    mine = front_cache.get(page.url, cookies={"sessionid": session})
    assert mine.cache == "PASS"
    (token,) = set(TOKEN.findall(mine.body))
    for cookies in (None, None, {ANONYMOUS_COOKIE: "b"}, {"sessionid": session_of(UserFactory())}):
        answer = front_cache.get(page.url, cookies=cookies)
        assert token not in answer.body
        assert token not in answer.headers.get("set-cookie", "")
    shared = front_cache.get(page.url)
    assert shared.cache == "HIT"
    assert TOKEN.findall(shared.body) == []  # forms get their token on first use


def test_a_post_is_never_cached(page, front_cache):
    secret = "k" * 32
    post = {"cookies": {"csrftoken": secret}, "headers": {"X-CSRFToken": secret}, "body": b"a=1"}
    assert front_cache.request("POST", page.url, **post).cache == "PASS"
    assert front_cache.get(page.url).cache == "MISS"
    assert front_cache.get(page.url).cache == "HIT"
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
