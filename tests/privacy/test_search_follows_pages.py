"""Search says nothing about what the viewer may not see (issue 11, items 1-3).

Before: a comment or free-text answer stayed findable after its page was put
behind a password, a login or a group; autocomplete offered titles of polls
on protected pages; totals, facets and "did you mean" counted restricted
content, so anyone could test whether a word appears on a protected page.
Every test runs on the PostgreSQL and the simple backend.
"""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from comments.models import CommentState
from search.tasks import process_outbox
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in
from tests.factories import StandardPageFactory, UserFactory
from tests.privacy.conftest import poll_for, project_with, restrict, vote_with_text

WORD = "Quellwasserbrunnen"


@pytest.fixture(params=["postgres", "simple"])
def backend(request, settings):
    settings.PORTAL_SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def place(project_index, backend):
    """A public project with a published comment that says WORD, and a poll."""
    poll = poll_for("Brunnenumfrage")
    page = project_with(project_index, "brunnen", "Brunnen am Markt", poll)
    CommentFactory(page=page, body=f"Ein {WORD} wäre schön", state=CommentState.PUBLISHED)
    process_outbox()
    return page, poll


def search(client, q=WORD):
    response, body = api(client, "get", f"/api/v1/search/?q={q}")
    assert response.status_code == 200, body
    return body


def said(body) -> str:
    return str(body)


RESTRICTIONS = {
    "password": {"restriction_type": PageViewRestriction.PASSWORD, "password": "geheim"},
    "login": {"restriction_type": PageViewRestriction.LOGIN},
    "groups": {"restriction_type": PageViewRestriction.GROUPS},
}


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_a_page_restricted_after_contributions_takes_them_out_of_search(place, kind):
    page, poll = place
    vote_with_text(poll, "token-2", f"Ein {WORD} bei der Schule")
    process_outbox()
    before = search(Client())
    assert before["total"] == 2, said(before)
    assert {hit["type"] for hit in before["hits"]} == {"comment", "answer"}

    restrict(page, **RESTRICTIONS[kind])
    process_outbox()

    for client in (Client(), logged_in(UserFactory())):
        if kind == "login" and client.session.get("_auth_user_id"):
            continue
        body = search(client)
        assert body["total"] == 0, said(body)
        assert body["hits"] == []
        assert all(values == [] for values in body["facets"].values()), body["facets"]
        assert page.title not in said(body)
        html = client.get(f"/search/?q={WORD}").content.decode()
        assert "wäre schön" not in html
        assert "bei der Schule" not in html
        assert page.title not in html


def test_signed_in_citizens_still_find_what_a_login_page_shows_them(place, citizen):
    page, _poll = place
    restrict(page, restriction_type=PageViewRestriction.LOGIN)
    process_outbox()
    assert search(Client())["total"] == 0
    body = search(logged_in(citizen))
    assert body["total"] == 1
    assert body["hits"][0]["type"] == "comment"


@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublishing_moving_or_deleting_the_page_follows(place, home_page, change):
    page, _poll = place
    assert search(Client())["total"] == 1
    if change == "unpublish":
        page.unpublish()
    elif change == "move":
        closed = StandardPageFactory(parent=home_page, title="Intern", slug="intern")
        restrict(closed, restriction_type=PageViewRestriction.LOGIN)
        process_outbox()
        page.move(closed, pos="last-child")
    else:
        page.delete()
    process_outbox()
    body = search(Client())
    assert (body["total"], body["hits"]) == (0, []), said(body)


def test_hits_are_dropped_even_while_the_index_lags(place):
    page, _poll = place
    # Created without signals: the index does not know yet.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    body = search(Client())
    assert body["hits"] == [], said(body)
    _response, suggestions = api(Client(), "get", "/api/v1/search/autocomplete?q=Brunnen")
    assert suggestions == []


def test_autocomplete_offers_no_titles_of_protected_pages(project_index, backend):
    poll = poll_for("Geheime Brunnenplanung")
    page = project_with(project_index, "geheim", "Brunnen hinter Passwort", poll)
    process_outbox()
    _response, before = api(Client(), "get", "/api/v1/search/autocomplete?q=Brunnen")
    assert poll.title in {s["title"] for s in before}
    restrict(page, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    process_outbox()
    for client in (Client(), logged_in(UserFactory())):
        _response, after = api(client, "get", "/api/v1/search/autocomplete?q=Brunnen")
        assert after == [], after


def test_did_you_mean_never_proposes_words_only_restricted_pages_use(project_index, backend):
    poll = poll_for("Umfrage zur Zisterne")
    page = project_with(project_index, "zisterne", "Regenwasserzisterne im Hof", poll)
    restrict(page, restriction_type=PageViewRestriction.LOGIN)
    public = project_with(project_index, "offen", "Offener Spielplatz", poll_for("Spiel"))
    CommentFactory(page=public, body="Ein Wasserspender", state=CommentState.PUBLISHED)
    process_outbox()
    # "regenwasserzistern" is one letter away from the restricted title's word.
    body = search(Client(), q="Regenwasserzistrne")
    assert body["did_you_mean"] == [], said(body)
    assert body["total"] == 0
    signed_in = search(logged_in(UserFactory()), q="Regenwasserzistrne")
    assert signed_in["total"] >= 1
    assert signed_in["did_you_mean"]


def test_the_periodic_check_repairs_what_no_signal_announced(place):
    """Issue 11: search_check --fix repairs, and the worker runs it on a schedule."""
    from scheduling.runner import run_due_jobs

    page, _poll = place
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert search(Client())["total"] == 1, "the index does not know yet"
    assert "search.check_index" in run_due_jobs()
    body = search(Client())
    assert (body["total"], body["facets"]["project"]) == (0, [])
