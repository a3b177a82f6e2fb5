"""Query budgets of the participation API (issue 18), at small and at large content.

What is counted: every statement a request sends to PostgreSQL, as Django's
CaptureQueriesContext records it, SAVEPOINT and RELEASE included (they stand
for the BEGIN and COMMIT the same code sends outside the tests' transaction).
The application's caches are off (``COMMENTS_THREAD_CACHE_SECONDS`` = 0);
one warm-up request first fills what every process keeps anyway (content
types, the site root mapping, a poll's structure entry). Large content: a
project with 10,000 more comments, five polls, one of them with 10,000
ballots, and an index of some 10,000 documents that all contain the word
searched for. The count must be the same at both sizes.
"""

import json

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, CommentState
from tests.comments.helpers import logged_in, make_moderator, thread_url
from tests.factories import UserFactory
from tests.performance.api_content import COMMON_WORD, anonymous_key, build
from tests.polls.factories import valid_answers
from web.participants import ANONYMOUS_COOKIE, ANONYMOUS_COOKIE_SALT

SEARCH_QUERIES = 6
THREAD_QUERIES = 6
BALLOT_QUERIES = 6


@pytest.fixture(autouse=True)
def caches_off_and_postgres_search(settings):
    settings.COMMENTS_THREAD_CACHE_SECONDS = 0
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def contents(project_index):
    return {
        "small": build(project_index, large=False, slug="klein"),
        "large": build(project_index, large=True, slug="gross"),
    }


def measured(client, method, url, **kwargs):
    """(response, number of queries) of the second of two identical requests."""
    getattr(client, method)(url, **kwargs)
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, **kwargs)
    return response, len(queries)


def test_search_with_facets_and_highlights(client, project_index):
    """A common word on demo-like content: hits of every kind, facets, highlights.

    Counted: the search's transaction (2), the lexicon with the planner
    settings, the count with the facets and the page of hits (one pass
    below 5,000 matches; above, the count, then title matches first with
    the rest in one statement), and one query that checks the hits against
    the database and names the facet values. The large index is the small
    one plus 10,000 matching comments.
    """
    counts = {}
    for size in ("small", "large"):
        build(project_index, large=size == "large", slug=size)
        response, counts[size] = measured(client, "get", "/api/v1/search/", data={"q": COMMON_WORD})
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        assert body["total"] >= (10_000 if size == "large" else 10)
        assert {"project", "page", "poll", "comment", "answer"} <= {
            value["value"] for value in body["facets"]["kind"]
        }
        assert body["facets"]["project"][0]["label"].startswith(COMMON_WORD)
        assert any("<mark>" in hit["title_highlight"] + hit["excerpt"] for hit in body["hits"])
        assert len(body["hits"]) == 10
    assert counts["small"] <= SEARCH_QUERIES, counts
    assert counts["large"] <= SEARCH_QUERIES, counts


def participant_cookie(token: str) -> str:
    """The signed cookie value a browser holding ``token`` sends (as the portal sets it)."""
    response = HttpResponse()
    response.set_signed_cookie(ANONYMOUS_COOKIE, token, salt=ANONYMOUS_COOKIE_SALT)
    return response.cookies[ANONYMOUS_COOKIE].value


def readers(citizen, moderator):
    anonymous_with_cookie = Client()
    anonymous_with_cookie.cookies[ANONYMOUS_COOKIE] = participant_cookie("browser-token")
    return {
        "anonymous": Client(),
        "anonymous with participant cookie": anonymous_with_cookie,
        "citizen": logged_in(citizen),
        "moderator": logged_in(moderator),
    }


@pytest.fixture
def moderator(db):
    """Staff with admin access and the moderation permission (as in tests/comments)."""
    return make_moderator()


def test_thread_api_for_every_reader(contents, citizen, moderator):
    """The first page of a thread, for each kind of reader.

    Counted: the session and the account with its standing (signed in: 2),
    the page with whether a view restriction applies, its phases, the
    top-level comments with the pinned answers, the reader's own pending
    comments and the count (one UNION ALL), the replies with the reader's
    supports.
    """
    for project, _polls in contents.values():
        # Each reader has something of their own waiting, which they (only) see.
        Comment.objects.create(page=project, author=citizen, body="Meins", state="pending")
        Comment.objects.create(
            page=project,
            anonymous_key=anonymous_key("browser-token"),
            body="Anonym von mir",
            state=CommentState.PENDING,
        )
    counts = {}
    for name, client in readers(citizen, moderator).items():
        for size, (project, _polls) in contents.items():
            response, counts[name, size] = measured(client, "get", thread_url(project))
            assert response.status_code == 200, response.content[:300]
            body = response.json()
            assert len(body["comments"]) == 20
            assert body["comment_count"] >= (10_000 if size == "large" else 120)
            own = [comment["body"] for comment in body["own_pending"]]
            expected = {
                "citizen": ["Meins"],
                "anonymous with participant cookie": ["Anonym von mir"],
            }.get(name, [])
            assert own == expected, (name, own)
    for name in readers(citizen, moderator):
        assert counts[name, "small"] == counts[name, "large"] <= THREAD_QUERIES, counts


def ballot_queries(client, poll, answers) -> int:
    client.get(f"/api/v1/polls/{poll.pk}")  # the voting cookie; the warm-up
    client.get("/")  # the CSRF cookie
    body = json.dumps({"answers": answers})
    headers = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/api/v1/polls/{poll.pk}/ballot", body, content_type="application/json", **headers
        )
    assert response.status_code == 201, response.content[:300]
    return len(queries)


@pytest.mark.usefixtures("frozen_now")
def test_ballot_post(contents, citizen, other_citizen):
    """Casting a ballot through the API, anonymous (with the voting cookie) and signed in.

    Counted: the session and the account with its standing (signed in: 2),
    the pages showing the poll with whether a view restriction applies, and
    one statement that stores the ballot, its answers and the tallies.
    A ballot with free text in a poll that publishes free text costs three
    more: its search outbox entry must commit with the answers (SAVEPOINT,
    the entry, RELEASE).
    """
    counts = {}
    for size, (_project, polls) in contents.items():
        poll = polls[0]
        for name, client, voter in (
            ("anonymous", Client(enforce_csrf_checks=True), None),
            ("citizen", logged_in(citizen, enforce_csrf_checks=True), None),
            ("anonymous", Client(enforce_csrf_checks=True), "text"),
            ("citizen", logged_in(other_citizen, enforce_csrf_checks=True), "text"),
        ):
            text = f"Mehr {COMMON_WORD}" if voter == "text" else None
            counts[name, size, voter] = ballot_queries(client, poll, valid_answers(poll, text=text))
    for name in ("anonymous", "citizen"):
        assert counts[name, "small", None] == counts[name, "large", None] <= BALLOT_QUERIES, counts
        assert counts[name, "small", "text"] == counts[name, "large", "text"], counts
        assert counts[name, "large", "text"] == counts[name, "large", None] + 3, counts


@pytest.fixture
def other_citizen(db):
    return UserFactory(display_name="Fussgaengerin")


@pytest.fixture
def frozen_now():
    import time_machine

    from tests.polls.factories import NOW

    with time_machine.travel(NOW, tick=False):
        yield NOW
