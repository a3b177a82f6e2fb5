"""Anonymous visitors share cached thread pages; every change invalidates them at once."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments import caching, services
from comments.schemas import ThreadOut
from tests.comments.factories import CommentFactory, reply_to
from tests.comments.helpers import api, logged_in, thread_url
from tests.factories import TEST_PASSWORD


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.COMMENTS_THREAD_CACHE_SECONDS = 300


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what happens on commit (the invalidation) when the block ends.

    Tests run inside a transaction that never commits, so writes are wrapped
    in this to behave as they do in production.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


def anonymous_thread(project):
    response, body = api(Client(), "get", thread_url(project))
    assert response.status_code == 200
    return body


def test_a_cached_page_is_the_same_page_for_fewer_queries(project, comment):
    client = Client()
    with CaptureQueriesContext(connection) as first:
        built = client.get(thread_url(project)).json()
    with CaptureQueriesContext(connection) as second:
        cached = client.get(thread_url(project)).json()
    assert cached == built
    assert len(second) < len(first)
    ThreadOut.model_validate(cached)


def test_new_comments_and_supports_show_at_once(citizen_client, project, comment, committed):
    assert anonymous_thread(project)["comment_count"] == 1
    with committed():
        _response, created = api(citizen_client, "post", thread_url(project), {"body": "Neu"})
    body = anonymous_thread(project)
    assert body["comment_count"] == 2
    assert created["id"] in [c["id"] for c in body["comments"]]
    with committed():
        api(citizen_client, "put", f"/api/v1/comments/{comment.pk}/support")
    counts = {c["id"]: c["support_count"] for c in anonymous_thread(project)["comments"]}
    assert counts[comment.pk] == 1


def test_moderation_shows_at_once(project, comment, moderator, committed):
    anonymous_thread(project)
    with committed():
        services.moderate([comment.pk], "remove", moderator, reason="Werbung")
    removed = anonymous_thread(project)["comments"][0]
    assert removed["state"] == "removed" and removed["body"] is None


def test_renaming_and_deleting_an_account_shows_at_once(
    citizen, citizen_client, project, committed
):
    CommentFactory(page=project, author=citizen)
    assert anonymous_thread(project)["comments"][0]["author"]["name"] == "Radlerin"
    with committed():
        citizen.display_name = "Pedalritterin"
        citizen.save()
    assert anonymous_thread(project)["comments"][0]["author"]["name"] == "Pedalritterin"
    with committed():
        citizen_client.post("/accounts/delete/", {"password": TEST_PASSWORD})
    assert anonymous_thread(project)["comments"][0]["author"]["kind"] == "deleted"


def test_signed_in_visitors_see_their_own_state(citizen_client, project, comment, committed):
    anonymous_thread(project)
    with committed():
        api(citizen_client, "put", f"/api/v1/comments/{comment.pk}/support")
    _response, mine = api(citizen_client, "get", thread_url(project))
    assert mine["comments"][0]["supported_by_me"] is True
    assert anonymous_thread(project)["comments"][0]["supported_by_me"] is False
    ThreadOut.model_validate(mine)


def test_the_html_list_is_shared_and_refreshed(citizen_client, project, comment, committed):
    Client().get(project.url)
    with committed():
        api(citizen_client, "post", thread_url(project), {"body": "Frisch geschrieben"})
    html = Client().get(project.url).content.decode()
    assert "Frisch geschrieben" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#comments-heading").get_text(" ", strip=True).endswith("(2 Beiträge)")


def test_no_cache_when_switched_off(settings, project, comment):
    settings.COMMENTS_THREAD_CACHE_SECONDS = 0
    client = Client()
    client.get(thread_url(project))
    with CaptureQueriesContext(connection) as second:
        client.get(thread_url(project))
    with CaptureQueriesContext(connection) as third:
        client.get(thread_url(project))
    # Every request renders again: the page, its phases, the comments (no replies here).
    assert len(second) == len(third) >= 3


def test_visitors_with_a_participant_cookie_see_their_pending_comment(client, project):
    project.comments_allow_anonymous = True
    project.save()
    anonymous_thread(project)
    _response, created = api(client, "post", thread_url(project), {"body": "Anonym"})
    _response, body = api(client, "get", thread_url(project))
    assert [c["id"] for c in body["own_pending"]] == [created["id"]]


def test_without_the_commit_the_cached_page_stays(citizen_client, project, comment):
    """The other half of the test above: invalidation waits for the commit."""
    anonymous_thread(project)
    api(citizen_client, "post", thread_url(project), {"body": "Noch nicht committet"})
    assert anonymous_thread(project)["comment_count"] == 1


def test_a_cached_read_does_not_touch_the_database(project, comment):
    client = Client()
    client.get(thread_url(project))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(thread_url(project))
    assert response.status_code == 200
    assert len(queries) == 0


def test_unpublishing_or_restricting_the_page_shows_at_once(project, comment):
    from wagtail.models import PageViewRestriction

    anonymous_thread(project)
    PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response, problem = api(Client(), "get", thread_url(project))
    assert (response.status_code, problem["code"]) == (404, "page_not_found")
    PageViewRestriction.objects.all().delete()
    anonymous_thread(project)
    project.unpublish()
    response, problem = api(Client(), "get", thread_url(project))
    assert response.status_code == 404


def test_closing_the_discussion_shows_at_once(project, comment):
    project.comments_allow_anonymous = True
    project.save()
    opened = anonymous_thread(project)
    assert opened["discussion"]["open"] is True
    assert opened["comments"][0]["can_reply"] is True
    project.comments_enabled = False
    project.save()
    closed = anonymous_thread(project)
    assert closed["discussion"]["open"] is False
    assert closed["comments"][0]["can_reply"] is False
    project.comments_enabled = True
    project.save()
    phase = project.phases.get()
    phase.end_date = phase.start_date
    phase.save()
    assert anonymous_thread(project)["discussion"]["open"] is False


def rich_thread(project, citizen, other_citizen, moderator):
    """Comments of several people in several states, with replies, supports and pending ones."""
    mine = CommentFactory(page=project, author=citizen, body="Meiner")
    theirs = CommentFactory(page=project, author=other_citizen, body="Ihrer")
    reply_to(mine, author=other_citizen, body="Antwort auf meinen")
    reply_to(theirs, author=citizen, body="Meine Antwort")
    CommentFactory(page=project, author=citizen, body="Wartet", state="pending")
    CommentFactory(page=project, author=other_citizen, body="Versteckt", state="hidden")
    CommentFactory(page=project, author=moderator, body="Offiziell", is_official=True)
    api(logged_in(citizen), "put", f"/api/v1/comments/{theirs.pk}/support")
    return mine, theirs


@pytest.mark.parametrize("viewer", ["citizen", "other_citizen", "moderator", "unverified"])
def test_signed_in_viewers_get_from_the_shared_cache_what_they_would_get_without(
    viewer, request, settings, project, citizen, other_citizen, moderator, committed
):
    with committed():
        rich_thread(project, citizen, other_citizen, moderator)
    client = logged_in(request.getfixturevalue(viewer))
    built = client.get(thread_url(project)).json()
    cached = client.get(thread_url(project)).json()
    settings.COMMENTS_THREAD_CACHE_SECONDS = 0
    uncached = client.get(thread_url(project)).json()
    assert built == cached == uncached
    ThreadOut.model_validate(cached)


def test_the_shared_part_serves_signed_in_viewers_with_fewer_queries(
    citizen_client, other_client, project, comment
):
    citizen_client.get(thread_url(project))  # builds the shared entry
    with CaptureQueriesContext(connection) as warm:
        response = other_client.get(thread_url(project))
    assert response.status_code == 200
    statements = [query["sql"] for query in warm.captured_queries]
    # Left: session, user, permissions, e-mail check, the viewer's supports and
    # their own comments awaiting review. Not: the page, the count, the listing.
    assert not [sql for sql in statements if "wagtailcore_page" in sql or "COUNT(" in sql]
    listings = [sql for sql in statements if sql.startswith('SELECT "comments_comment"')]
    assert len(listings) == 1 and '"comments_comment"."state" IN' in listings[0]


def test_one_viewers_support_reaches_every_other_viewer_at_once(
    citizen_client, other_client, project, comment, committed, citizen
):
    third = CommentFactory(page=project, body="Noch einer")
    citizen_client.get(thread_url(project))
    with committed():
        api(citizen_client, "put", f"/api/v1/comments/{third.pk}/support")
    _response, seen = api(other_client, "get", thread_url(project))
    by_id = {entry["id"]: entry for entry in seen["comments"]}
    assert by_id[third.pk]["support_count"] == 1
    assert by_id[third.pk]["supported_by_me"] is False


def test_after_a_change_of_the_comment_model_the_old_entries_are_not_read(
    citizen_client, other_client, project, comment, monkeypatch
):
    from comments import caching

    citizen_client.get(thread_url(project))
    with CaptureQueriesContext(connection) as warm:
        before = other_client.get(thread_url(project)).json()
    # What a deploy that adds a column to Comment does to the signature.
    monkeypatch.setattr(caching, "model_signature", lambda: "neue-spalten")
    with CaptureQueriesContext(connection) as rebuilt:
        after = other_client.get(thread_url(project)).json()
    assert after == before
    assert len(rebuilt) > len(warm)


def test_a_changed_phase_makes_the_cached_page_snapshots_stale(
    project, django_capture_on_commit_callbacks
):
    """comments listen to pages' phases by a lazy reference; they import nothing of pages."""
    before = caching.pages_epoch()
    phase = project.phases.get()
    phase.end_date = phase.start_date
    with django_capture_on_commit_callbacks(execute=True):
        phase.save()
    assert caching.pages_epoch() != before
