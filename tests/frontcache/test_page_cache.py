"""The portal's own page cache (web/page_cache.py): shared pages from Redis, nothing personal."""

from __future__ import annotations

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client

from pages.models import PortalSettings, StandardPage
from tests.factories import StandardPageFactory, UserFactory
from web.page_cache import ENTRY_PREFIX, HEADER, forget_paths


@pytest.fixture
def page(home_page, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    return StandardPageFactory(parent=home_page, title="Baustellen im Sommer", slug="baustellen")


@pytest.fixture
def cache_calls(monkeypatch):
    """Counts the calls that go to the cache server."""
    calls = []
    backend = caches["default"]
    for name in ("get", "get_many", "add", "set", "delete", "delete_many"):
        original = getattr(backend, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return calls


def test_a_shareable_page_is_served_from_the_cache_without_a_query(
    page, cache_calls, django_assert_num_queries
):
    client = Client()
    first = client.get(page.url)
    assert first[HEADER] == "MISS"
    cache_calls.clear()
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second[HEADER] == "HIT"
    assert second.content == first.content
    assert cache_calls == ["get_many"]  # one round trip: the versions and the entry


def test_a_process_that_holds_the_page_reads_only_the_versions(page, monkeypatch):
    """A process keeps the entry it stored or served: Redis sends the versions, not the page."""
    client = Client()
    assert client.get(page.url)[HEADER] == "MISS"
    backend = caches["default"]
    asked = []
    original = backend.get_many

    def get_many(keys, *args, **kwargs):
        asked.append(list(keys))
        return original(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", get_many)
    assert client.get(page.url)[HEADER] == "HIT"
    assert [len(keys) for keys in asked] == [2]
    assert not any(key.startswith(ENTRY_PREFIX) for key in asked[0])


def test_a_purge_reaches_the_copy_a_process_holds(page):
    client = Client()
    first = client.get(page.url)
    assert client.get(page.url)[HEADER] == "HIT"
    forget_paths([page.url])
    third = client.get(page.url)
    assert third[HEADER] == "MISS"
    assert third.content == first.content


def test_a_process_with_an_old_copy_takes_the_one_another_process_stored(page):
    ours, theirs = Client(), Client()  # two handlers: two processes' own copies
    ours.get(page.url)
    forget_paths([page.url])
    assert theirs.get(page.url)[HEADER] == "MISS"
    assert ours.get(page.url)[HEADER] == "HIT"


def test_a_hit_hands_on_only_the_time_that_is_left(page):
    """Varnish behind a hit must not keep the copy past its first answer's age (a poll closing)."""
    client = Client()
    with time_machine.travel("2026-03-15 12:00:00+01:00", tick=False) as clock:
        first = client.get(page.url)
        assert "s-maxage=300" in first["Cache-Control"]
        clock.shift(120)
        second = client.get(page.url)
        assert second[HEADER] == "HIT"
        assert "s-maxage=180" in second["Cache-Control"]
        clock.shift(181)
        assert client.get(page.url)[HEADER] == "MISS"


def test_off_when_the_setting_is_zero(page, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client = Client()
    client.get(page.url)
    assert HEADER not in client.get(page.url)


def test_head_is_answered_from_the_stored_get(page):
    client = Client()
    client.get(page.url)
    head = client.head(page.url)
    assert head[HEADER] == "HIT"
    assert head.content == b""


@pytest.mark.parametrize("cookie", ["sessionid", "portal_participant", "messages"])
def test_a_personal_cookie_is_never_served_the_shared_page(page, cookie):
    Client().get(page.url)
    client = Client()
    client.cookies[cookie] = "abc"
    answer = client.get(page.url)
    assert HEADER not in answer


def test_a_personal_page_is_never_stored(page):
    client = Client()
    client.force_login(UserFactory(display_name="Radlerin Rosa"))
    assert "Radlerin Rosa" in client.get(page.url).content.decode()
    anonymous = Client().get(page.url)
    assert anonymous[HEADER] == "MISS"
    assert "Radlerin Rosa" not in anonymous.content.decode()


def test_a_response_with_a_cookie_is_not_stored(page, monkeypatch):
    original = StandardPage.serve

    def serve(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.set_cookie("tracker", "1")
        return response

    monkeypatch.setattr(StandardPage, "serve", serve)
    client = Client()
    client.get(page.url)
    assert HEADER not in client.get(page.url)


def test_the_language_cookie_is_part_of_the_key(page):
    Client().get(page.url)
    english = Client()
    english.cookies["django_language"] = "en"
    assert english.get(page.url)[HEADER] == "MISS"
    assert english.get(page.url)[HEADER] == "HIT"


def test_a_published_change_is_visible_at_once(page, django_capture_on_commit_callbacks):
    client = Client()
    client.get(page.url)
    page.title = "Baustellen im Herbst"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    answer = client.get(page.url)
    assert answer[HEADER] == "MISS"
    assert "Baustellen im Herbst" in answer.content.decode()


def test_changed_portal_settings_reach_every_stored_page(
    page, home_page, django_capture_on_commit_callbacks
):
    """The operator's name is in the header of every page (pages.chrome)."""
    client = Client()
    client.get(page.url)
    settings = PortalSettings.for_site(home_page.get_site())
    settings.operator_name = "Stadt Weimar"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    answer = client.get(page.url)
    assert answer[HEADER] == "MISS"
    assert "Stadt Weimar" in answer.content.decode()


def test_the_listing_follows_a_published_page(page, home_page, django_capture_on_commit_callbacks):
    client = Client()
    client.get(home_page.url)
    assert client.get(home_page.url)[HEADER] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get(home_page.url)[HEADER] == "MISS"


def test_a_view_restriction_forgets_the_page_at_once(page, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    client = Client()
    client.get(page.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    answer = client.get(page.url)
    assert answer.status_code == 302  # to the login, not the stored public page


def test_the_api_and_the_admin_are_not_cached_here(page, settings):
    client = Client()
    for path in ("/api/v2/pages/", settings.PORTAL_ADMIN_PATH_PREFIX):
        client.get(path)
        assert HEADER not in client.get(path)


def test_pages_are_served_while_redis_is_away(page, settings):
    # A port nothing listens on: every cache call fails fast and counts as a miss.
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": "redis://127.0.0.1:6099/0",
            "OPTIONS": settings.CACHE_RESILIENCE_OPTIONS,
        }
    }
    client = Client()
    for _attempt in range(2):
        answer = client.get(page.url)
        assert answer.status_code == 200
        assert "Baustellen im Sommer" in answer.content.decode()


def test_a_hidden_comment_disappears_at_once(
    page, project_index, editor, django_capture_on_commit_callbacks
):
    from comments.models import ModerationAction
    from comments.services.moderation import moderate_one
    from tests.comments.factories import CommentFactory
    from tests.factories import ProjectPageFactory

    page = ProjectPageFactory(parent=project_index, title="Radweg am Fluss")
    comment = CommentFactory(page=page, body="Die Umleitung ist schlecht beschildert")
    client = Client()
    client.get(page.url)
    second = client.get(page.url)
    assert second[HEADER] == "HIT"
    assert "schlecht beschildert" in second.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderate_one(comment.pk, ModerationAction.HIDE, editor)
    answer = client.get(page.url)
    assert answer[HEADER] == "MISS"
    assert "schlecht beschildert" not in answer.content.decode()
