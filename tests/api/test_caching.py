"""Public reads carry ETag and Cache-Control and answer 304; personal answers are never cached."""

import pytest

from tests.comments.helpers import logged_in
from web.participants import ANONYMOUS_COOKIE

PUBLIC = "public, max-age=60"
PERSONAL = "private, no-store"


@pytest.fixture
def public_urls(project, public_poll, comments):
    return [
        "/api/v2/pages/?type=pages.ProjectPage",
        f"/api/v2/pages/{project.pk}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        f"/api/v1/comments/pages/{project.pk}",
        "/api/v1/search/?q=Marktplatz",
        "/api/schema/",
    ]


def test_public_reads_are_cacheable_and_revalidate_with_304(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PUBLIC, url
        assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
        etag = response["ETag"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b""
        assert client.get(url, HTTP_IF_NONE_MATCH='"veraltet"').status_code == 200


def test_etag_changes_when_the_content_changes(client, project):
    url = f"/api/v2/pages/{project.pk}/"
    before = client.get(url)["ETag"]
    project.teaser = "Neuer Teaser"
    project.save_revision().publish()
    after = client.get(url)
    assert after["ETag"] != before
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_page_detail_has_last_modified_and_honours_if_modified_since(client, project):
    url = f"/api/v2/pages/{project.pk}/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_signed_in_answers_are_private(citizen, public_urls):
    client = logged_in(citizen)
    for url in public_urls:
        response = client.get(url)
        assert response["Cache-Control"] == PERSONAL, url
        assert not response.has_header("ETag")


def test_poll_read_that_hands_out_the_voting_cookie_is_private(client, project, public_poll):
    response = client.get(f"/api/v1/polls/{public_poll.pk}")
    assert ANONYMOUS_COOKIE in response.cookies
    assert response["Cache-Control"] == PERSONAL
    # With the cookie the visitor may see their own ballot: still private.
    again = client.get(f"/api/v1/polls/{public_poll.pk}")
    assert again["Cache-Control"] == PERSONAL
    assert again.status_code == 200


def test_closed_poll_read_is_public(client, db):
    import datetime

    from django.utils import timezone

    from tests.api.conftest import open_poll
    from tests.polls.factories import place_on_page

    poll = open_poll(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=2),
    )
    place_on_page(poll)
    response = client.get(f"/api/v1/polls/{poll.pk}")
    assert response["Cache-Control"] == PUBLIC
    assert (
        client.get(f"/api/v1/polls/{poll.pk}", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


def test_errors_and_writes_are_not_cached(client, project):
    assert client.get("/api/v2/pages/?colour=1")["Cache-Control"] == "no-store"
    assert client.get("/api/v2/pages/999999/")["Cache-Control"] == "no-store"
    response = client.post(
        f"/api/v1/comments/pages/{project.pk}", {}, content_type="application/json"
    )
    assert response["Cache-Control"] == "no-store"
