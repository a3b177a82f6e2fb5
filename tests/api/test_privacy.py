"""What the API never shows, on every surface: pages, blocks, polls, comments, search, schema.

Drafts, unpublished pages, pages under view restrictions, staff-only polls,
editor-only results, pending/hidden/rejected comments, e-mail addresses, IP
hashes and other people's ballots.
"""

import json

import pytest
from wagtail.models import PageViewRestriction

from comments.models import CommentState
from participation.participants import Participant, TokenState
from polls.models import Ballot
from polls.services import cast_ballot
from polls.validation import AnswerInput
from search.tasks import process_outbox
from tests.api.conftest import SECRET_EMAIL, call
from tests.comments.helpers import logged_in
from tests.factories import UserFactory

HIDDEN_STATES = [CommentState.PENDING, CommentState.HIDDEN, CommentState.REJECTED]


def every_surface(client, project) -> str:
    """All the API shows an anonymous visitor about the project, as one text."""
    urls = [
        "/api/v2/pages/?type=pages.ProjectPage&fields=*",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{project.pk}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        f"/api/v1/comments/pages/{project.pk}",
        "/api/v1/search/?q=Marktplatz",
        "/api/v1/search/?q=Beitrag",
        "/api/v1/search/?q=Vorabstimmung",
        "/api/schema/",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        texts.append(response.content.decode())
    return "\n".join(texts)


@pytest.fixture
def indexed(settings, project, comments):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    process_outbox()


def test_drafts_and_unpublished_pages_never_appear(client, project, draft_project):
    project.title = "Geheimer Entwurfstitel"
    project.save_revision()
    text = every_surface(client, project)
    assert "Geheimer Entwurfstitel" not in text
    assert "Unveröffentlichter Entwurf" not in text
    response, body = call(client, "get", f"/api/v2/pages/{draft_project.pk}/")
    assert response.status_code == 404
    assert body["code"] == "not_found"


def test_restricted_pages_only_for_those_with_access(client, project, restricted_project, citizen):
    assert "Nur für Angemeldete" not in every_surface(client, project)
    assert client.get(f"/api/v2/pages/{restricted_project.pk}/").status_code == 404
    assert client.get(f"/api/v1/comments/pages/{restricted_project.pk}").status_code == 404
    signed_in = logged_in(citizen)
    assert signed_in.get(f"/api/v2/pages/{restricted_project.pk}/").status_code == 200


def test_pages_below_a_password_restriction_are_hidden(client, project, project_index):
    PageViewRestriction.objects.create(
        page=project_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    _response, body = call(client, "get", "/api/v2/pages/?type=pages.ProjectPage")
    assert body["items"] == []
    assert client.get(f"/api/v2/pages/{project.pk}/").status_code == 404


def test_staff_polls_never_appear_for_others(client, project, staff_poll, citizen, editor, indexed):
    for visitor in (client, logged_in(citizen)):
        assert "Interne Vorabstimmung" not in every_surface(visitor, project)
        response, body = call(visitor, "get", f"/api/v1/polls/{staff_poll.pk}")
        assert response.status_code == 404
        assert body["code"] == "poll_not_found"
    _response, page = call(logged_in(editor), "get", f"/api/v2/pages/{project.pk}/")
    assert "Interne Vorabstimmung Haushalt" in json.dumps(page, ensure_ascii=False)


def test_editor_only_results_stay_with_editors(client, project, editors_results_poll, editor):
    _response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    block = next(
        b["value"]
        for b in page["body"]
        if b["type"] == "poll" and b["value"]["id"] == editors_results_poll.pk
    )
    assert block["results"] is None
    _response, poll = call(client, "get", f"/api/v1/polls/{editors_results_poll.pk}")
    assert poll["results"] is None
    _response, poll = call(logged_in(editor), "get", f"/api/v1/polls/{editors_results_poll.pk}")
    assert poll["results"] is not None


def test_hidden_comment_states_never_show_their_text(client, project, comments, indexed, citizen):
    for visitor in (client, logged_in(citizen)):
        text = every_surface(visitor, project)
        for state in HIDDEN_STATES:
            assert f"Beitrag im Zustand {state}" not in text
        assert "Beitrag im Zustand published" in text


def test_no_email_addresses_or_ip_hashes_anywhere(client, project, comments, indexed, public_poll):
    voter = Participant(
        user=None, anonymous_token="t", token_state=TokenState.VALID, ip_hash="f" * 32
    )
    question = public_poll.questions.get()
    cast_ballot(
        public_poll,
        voter,
        [AnswerInput(question=question.pk, choices=[question.choices.first().pk])],
    )
    text = (
        every_surface(client, project)
        + client.get(f"/api/v1/polls/{public_poll.pk}").content.decode()
    )
    assert SECRET_EMAIL not in text
    assert project.department.email == "" or project.department.email not in text
    ballot = Ballot.objects.get()
    assert ballot.participant_key not in text
    assert "f" * 32 not in text


def test_nobody_sees_another_persons_ballot(project, public_poll, citizen):
    neighbour = UserFactory(display_name="Nachbarin")
    question = public_poll.questions.get()
    _yes, no = question.choices.all()
    answer = {"answers": [{"question": question.pk, "choices": [no.pk]}]}
    own = logged_in(neighbour, enforce_csrf_checks=False)
    response, _body = call(own, "post", f"/api/v1/polls/{public_poll.pk}/ballot", answer)
    assert response.status_code == 201
    _response, poll = call(logged_in(citizen), "get", f"/api/v1/polls/{public_poll.pk}")
    assert poll["ballot"] is None
    assert poll["can_vote"] is True
    _response, poll = call(own, "get", f"/api/v1/polls/{public_poll.pk}")
    assert poll["ballot"]["answers"][0]["choices"] == [no.pk]


def test_proposals_name_no_author_and_hide_pending_ones(client, idea_collection):
    """Every proposals surface, as an anonymous visitor and as another citizen."""
    proposals = idea_collection.proposals.order_by("pk")
    urls = [
        "/api/v1/proposals/collections",
        f"/api/v1/proposals/collections/{idea_collection.pk}",
        f"/api/v1/proposals/collections/{idea_collection.pk}/proposals?sort=newest",
        *(f"/api/v1/proposals/{proposal.pk}" for proposal in proposals),
    ]
    for viewer in (client, logged_in(UserFactory())):
        text = "\n".join(viewer.get(url).content.decode() for url in urls)
        author = proposals.first().author
        assert author.email not in text and author.display_name not in text
        assert "Noch geprüft" not in text
        assert "Trinkbrunnen" in text
