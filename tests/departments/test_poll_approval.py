"""Polls get the participation team's approval (Freigabe) before they open.

A department editor's poll is a draft until the team approves it; until
then it exists only for those who read its results (the unit's editors and
evaluators, the team): not on the page, in the APIs or in search, and nobody
votes in it. Each step is mailed and logged in the poll's history.
"""

import pytest
import time_machine
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from departments.models import Role
from polls.approval import APPROVE, SEND_BACK, SUBMIT, actions_for, decide
from polls.models import Poll, PollApproval
from polls.rules import may_see_poll, voting_refusal
from polls.search_sources import PollSource
from polls.services import cast_ballot, polls_visible_to
from tests.departments.conftest import member
from tests.factories import ProjectPageFactory
from tests.polls.factories import NOW, anonymous, inputs, make_poll, signed_in, valid_answers
from tests.polls.test_admin import existing_questions, poll_form, question_data

pytestmark = pytest.mark.usefixtures("frozen_now")


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def post_request():
    return RequestFactory().post("/api/v1/polls/1/ballot")


ADD = reverse("wagtailsnippets_polls_poll:add")


def approval_url(poll):
    return reverse("wagtailsnippets_polls_poll:approval_of_poll", args=(poll.pk,))


def edit_url(poll):
    return reverse("wagtailsnippets_polls_poll:edit", args=(poll.pk,))


@pytest.fixture
def team(people):
    people["team"].email = "team@jena.example"
    people["team"].save()
    return people["team"]


@pytest.fixture
def editor(people):
    people["editor"].email = "redaktion@jena.example"
    people["editor"].save()
    return people["editor"]


def created_by(client, user, tree, **fields):
    client.force_login(user)
    response = client.post(ADD, poll_form([question_data()], department=tree["own"].pk, **fields))
    assert response.status_code == 302, response.context["form"].errors
    return Poll.objects.get()


def test_an_editors_new_poll_is_a_draft_and_the_teams_is_approved(client, tree, editor, team):
    assert created_by(client, editor, tree).approval == PollApproval.DRAFT
    Poll.objects.all().delete()
    assert created_by(client, team, tree).approval == PollApproval.APPROVED


def test_a_poll_before_approval_exists_only_for_its_readers(people, tree):
    poll = make_poll(department=tree["own"], approval=PollApproval.SUBMITTED)
    for role in ("editor", "analyst", "team"):
        assert may_see_poll(signed_in(people[role]), poll), role
    for role in ("moderator", "staff", "citizen"):
        assert not may_see_poll(signed_in(people[role]), poll), role
    assert not may_see_poll(anonymous(), poll)
    assert polls_visible_to(anonymous(), [poll.pk]) == {}
    assert poll.pk not in set(PollSource().all_ids())
    assert PollSource().documents([poll.pk]) == {}


def test_nobody_votes_before_approval(people, tree, post_request):
    poll = make_poll(department=tree["own"], approval=PollApproval.DRAFT)
    refusal = voting_refusal(signed_in(people["editor"]), poll, poll.opens_at)
    assert refusal is not None
    assert refusal.code == "poll_not_approved"
    with pytest.raises(Exception, match="noch nicht freigegeben"):
        cast_ballot(poll, signed_in(people["editor"]), inputs(valid_answers(poll)))


def test_the_page_and_the_api_hide_an_unapproved_poll(client, tree, project_index):
    poll = make_poll(department=tree["own"], approval=PollApproval.DRAFT, placed=False)
    page = ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])
    assert poll.title not in client.get(page.url).content.decode()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 404
    poll.approval = PollApproval.APPROVED
    poll.save()
    assert poll.title in client.get(page.url).content.decode()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 200


def test_submit_approve_with_mails_and_history(client, tree, editor, team):
    poll = created_by(client, editor, tree)
    response = client.post(approval_url(poll), {"action": SUBMIT, "comment": "Bitte bis Freitag"})
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.approval == PollApproval.SUBMITTED
    assert poll.submitted_by == editor
    assert [m.to for m in mail.outbox] == [[team.email]]
    assert "Freigabe" in mail.outbox[0].subject
    assert "Bitte bis Freitag" in mail.outbox[0].body
    assert edit_url(poll) in mail.outbox[0].body

    client.force_login(team)
    page = client.get(approval_url(poll)).content.decode()
    assert "Freigeben" in page and "Mit Kommentar zurückgeben" in page
    client.post(approval_url(poll), {"action": APPROVE, "comment": ""})
    poll.refresh_from_db()
    assert poll.approval == PollApproval.APPROVED
    assert mail.outbox[-1].to == [editor.email]
    assert "freigegeben" in mail.outbox[-1].subject
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(poll.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["polls.approval.submit", "polls.approval.approve"]


def test_sending_back_needs_a_comment_and_mails_it(client, tree, editor, team):
    poll = make_poll(department=tree["own"], approval=PollApproval.DRAFT)
    decide(poll.pk, editor, SUBMIT)
    client.force_login(team)
    response = client.post(approval_url(poll), {"action": SEND_BACK, "comment": "  "})
    assert response.status_code == 400
    assert "Bitte geben Sie einen Kommentar" in response.content.decode()
    poll.refresh_from_db()
    assert poll.approval == PollApproval.SUBMITTED

    client.post(approval_url(poll), {"action": SEND_BACK, "comment": "Frage 2 ist unklar."})
    poll.refresh_from_db()
    assert poll.approval == PollApproval.DRAFT
    assert poll.approval_comment == "Frage 2 ist unklar."
    assert mail.outbox[-1].to == [editor.email]
    assert "Frage 2 ist unklar." in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("role", "message"),
    [("editor", "Dieser Schritt ist nicht möglich"), ("analyst", "nicht freigeben")],
)
def test_only_the_team_approves(client, people, tree, role, message):
    poll = make_poll(department=tree["own"], approval=PollApproval.SUBMITTED)
    client.force_login(people[role])
    response = client.post(approval_url(poll), {"action": APPROVE}, follow=True)
    assert message in response.content.decode()
    poll.refresh_from_db()
    assert poll.approval == PollApproval.SUBMITTED


@pytest.mark.parametrize("relation", ["parent", "sibling"])
def test_another_units_editor_finds_no_approval_page(client, people, tree, relation):
    poll = make_poll(department=tree[relation], approval=PollApproval.DRAFT)
    client.force_login(people["editor"])
    assert client.get(approval_url(poll)).status_code == 404
    assert client.post(approval_url(poll), {"action": SUBMIT}).status_code == 404


def test_an_editors_change_before_any_vote_needs_the_team_again(client, tree, editor):
    poll = make_poll(department=tree["own"])
    assert poll.approval == PollApproval.APPROVED
    client.force_login(editor)
    response = client.post(
        edit_url(poll),
        poll_form(existing_questions(poll), initial=4, department=tree["own"].pk, title="Neu"),
    )
    assert response.status_code == 302, response.context["form"].errors
    poll.refresh_from_db()
    assert poll.title == "Neu"
    assert poll.approval == PollApproval.DRAFT


def test_an_editors_change_after_votes_keeps_the_poll_open(client, tree, editor, post_request):
    poll = make_poll(department=tree["own"])
    cast_ballot(poll, anonymous(), inputs(valid_answers(poll)))
    client.force_login(editor)
    response = client.post(
        edit_url(poll),
        poll_form(existing_questions(poll), initial=4, department=tree["own"].pk, title="Neu"),
    )
    assert response.status_code == 302, response.context["form"].errors
    poll.refresh_from_db()
    assert poll.approval == PollApproval.APPROVED


def test_a_team_member_in_a_unit_group_only_is_no_approver(client, tree):
    """Approving is the city-wide team's: an editor of every unit is still an editor."""
    user = member(Role.EDITOR, tree["parent"])
    poll = make_poll(department=tree["own"], approval=PollApproval.SUBMITTED)
    with pytest.raises(Exception, match="nicht möglich"):
        decide(poll.pk, user, APPROVE)


RELATIONS = ("own", "parent", "sibling", "child")
# role -> relations in which the person may submit a draft / approve it.
SUBMITS = {"team": set(RELATIONS), "editor": {"own", "child"}}
APPROVES = {"team": set(RELATIONS)}


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ["team", "editor", "moderator", "analyst", "staff", "citizen"])
def test_who_submits_and_who_approves(people, tree, role, relation):
    draft = make_poll(department=tree[relation], approval=PollApproval.DRAFT, placed=False)
    submitted = make_poll(department=tree[relation], approval=PollApproval.SUBMITTED, placed=False)
    user = people[role]
    assert (SUBMIT in actions_for(draft, user)) == (relation in SUBMITS.get(role, ()))
    assert (APPROVE in actions_for(submitted, user)) == (relation in APPROVES.get(role, ()))
    assert (SEND_BACK in actions_for(submitted, user)) == (relation in APPROVES.get(role, ()))
