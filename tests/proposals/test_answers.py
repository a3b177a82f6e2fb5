"""Official answers: who may answer, the states' order, the reason, the admin form, the page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from departments.models import Role
from participation.refusals import Conflict, Forbidden, InvalidInput, NotFound
from proposals import services
from proposals.events import proposal_answered
from proposals.models import Moderation, ProposalAnswer, ProposalState
from tests.departments.conftest import member
from tests.factories import ProjectPageFactory
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db

State = ProposalState


@pytest.fixture
def proposal(tree, project_index):
    page = ProjectPageFactory(parent=project_index, department=tree["own"])
    return make_proposal(make_collection(project_index, page=page))


def answer(user, proposal, state, text=""):
    return services.answer_proposal(user, proposal.pk, state=state, text=text)


@pytest.mark.parametrize("who", ["team", "editor", "parent_editor", "superuser"])
def test_the_team_and_the_units_editors_answer(who, people, tree, proposal, admin_user):
    user = {
        "parent_editor": lambda: member(Role.EDITOR, tree["parent"]),
        "superuser": lambda: admin_user,
    }.get(who, lambda: people[who])()

    stored = answer(user, proposal, State.IN_REVIEW, "Wir prüfen das.")

    proposal.refresh_from_db()
    assert proposal.state == State.IN_REVIEW
    assert (stored.state, stored.text, stored.office) == (
        State.IN_REVIEW,
        "Wir prüfen das.",
        "Fachbereich Mobilität",
    )


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("moderator", Forbidden),
        ("analyst", Forbidden),
        ("sibling_editor", NotFound),
        ("child_editor", NotFound),
        ("citizen", NotFound),
        ("anonymous", NotFound),
    ],
)
def test_others_may_not_answer(who, refusal, people, tree, proposal):
    user = {
        "sibling_editor": lambda: member(Role.EDITOR, tree["sibling"]),
        "child_editor": lambda: member(Role.EDITOR, tree["child"]),
        "anonymous": AnonymousUser,
    }.get(who, lambda: people[who])()

    with pytest.raises(refusal):
        answer(user, proposal, State.IN_REVIEW, "Wir prüfen das.")

    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert not ProposalAnswer.objects.exists()


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ([State.IN_REVIEW, State.FEASIBLE, State.IMPLEMENTED], True),
        ([State.IN_REVIEW, State.NOT_FEASIBLE, State.IN_REVIEW, State.FEASIBLE], True),
        ([State.IN_REVIEW, State.IN_REVIEW], True),
        ([State.FEASIBLE], False),
        ([State.IMPLEMENTED], False),
        ([State.IN_REVIEW, State.IMPLEMENTED], False),
        ([State.IN_REVIEW, State.NOT_FEASIBLE, State.IMPLEMENTED], False),
        ([State.IN_REVIEW, State.FEASIBLE, State.IMPLEMENTED, State.IN_REVIEW], False),
        ([State.IN_REVIEW, State.SUBMITTED], False),
        (["erfunden"], False),
    ],
)
def test_states_follow_their_order(people, proposal, path, allowed):
    *before, last = path
    for state in before:
        answer(people["editor"], proposal, state, "Begründung")
    stored = ProposalAnswer.objects.count()

    if allowed:
        answer(people["editor"], proposal, last, "Begründung")
        proposal.refresh_from_db()
        assert proposal.state == last
    else:
        with pytest.raises(InvalidInput) as refused:
            answer(people["editor"], proposal, last, "Begründung")
        assert refused.value.errors[0]["field"] == "state"
        assert ProposalAnswer.objects.count() == stored


def test_umgesetzt_is_final(people, proposal):
    for state in (State.IN_REVIEW, State.FEASIBLE, State.IMPLEMENTED):
        answer(people["editor"], proposal, state)

    with pytest.raises(InvalidInput):
        answer(people["editor"], proposal, State.IN_REVIEW)


@pytest.mark.parametrize("text", ["", "   \n  ", None])
def test_not_feasible_needs_a_reason_and_stores_nothing_without(people, proposal, text):
    answer(people["editor"], proposal, State.IN_REVIEW)

    with pytest.raises(InvalidInput) as refused:
        answer(people["editor"], proposal, State.NOT_FEASIBLE, text)

    assert refused.value.errors == [
        {
            "field": "text",
            "message": "Bitte begründen Sie, warum der Vorschlag nicht umsetzbar ist.",
        }
    ]
    proposal.refresh_from_db()
    assert proposal.state == State.IN_REVIEW
    assert ProposalAnswer.objects.count() == 1


def test_a_pending_proposal_cannot_be_answered(people, proposal):
    proposal.moderation = Moderation.PENDING
    proposal.save()

    with pytest.raises(Conflict):
        answer(people["editor"], proposal, State.IN_REVIEW)


def test_a_withdrawn_proposal_can_still_be_answered(people, proposal):
    proposal.withdrawn_at = proposal.created_at
    proposal.save()

    answer(people["editor"], proposal, State.IN_REVIEW, "Trotzdem geprüft.")

    proposal.refresh_from_db()
    assert proposal.state == State.IN_REVIEW


def test_the_signal_goes_out_once_committed(people, proposal, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, proposal, answer, **kwargs):
        heard.append((proposal.pk, answer.pk))

    proposal_answered.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            stored = answer(people["editor"], proposal, State.IN_REVIEW)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        proposal_answered.disconnect(receiver)
    assert heard == [(proposal.pk, stored.pk)]


def inspect_url(proposal):
    return reverse("proposals:inspect", args=(proposal.pk,))


def test_the_admin_form_answers(client, people, proposal):
    client.force_login(people["editor"])

    page = client.get(inspect_url(proposal))
    response = client.post(inspect_url(proposal), {"state": State.IN_REVIEW, "text": "Prüfen"})

    assert page.status_code == 200
    assert "Offizielle Antwort" in page.text
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.IN_REVIEW


def test_the_admin_form_shows_the_missing_reason_next_to_the_field(client, people, proposal):
    answer(people["editor"], proposal, State.IN_REVIEW)
    client.force_login(people["editor"])

    response = client.post(inspect_url(proposal), {"state": State.NOT_FEASIBLE, "text": ""})

    assert response.status_code == 400
    assert "Bitte begründen Sie, warum der Vorschlag nicht umsetzbar ist." in response.text
    assert ProposalAnswer.objects.count() == 1


def test_moderators_see_no_answer_form_and_cannot_post_one(client, people, proposal):
    client.force_login(people["moderator"])

    page = client.get(inspect_url(proposal))
    response = client.post(inspect_url(proposal), {"state": State.IN_REVIEW, "text": "x"})

    assert page.status_code == 200
    assert 'id="official-answer"' not in page.text
    assert response.status_code in (302, 403)
    assert not ProposalAnswer.objects.exists()


def test_the_public_page_shows_the_answer_with_unit_and_date_but_no_person(
    client, people, proposal
):
    people["editor"].first_name, people["editor"].last_name = "Erika", "Amtsfrau"
    people["editor"].save()
    first = answer(people["editor"], proposal, State.IN_REVIEW, "Wir prüfen das.")
    latest = answer(people["editor"], proposal, State.FEASIBLE, "Das geht im Frühjahr.")

    response = client.get(reverse("ideen:proposal", args=(proposal.pk,)))

    assert response.status_code == 200
    text = response.text
    assert "Offizielle Antwort" in text
    assert "Das geht im Frühjahr." in text
    assert "Fachbereich Mobilität" in text
    section = BeautifulSoup(text, "html.parser").find(id="antwort")
    times = [time["datetime"][:10] for time in section.find_all("time")]
    assert times == [timezone.localtime(latest.created_at).date().isoformat()] * 3
    history = section.find("ol", class_="proposal-answer__history")
    latest_item, first_item = (li.get_text(" ", strip=True) for li in history.find_all("li"))
    assert latest_item.endswith(": umsetzbar (Fachbereich Mobilität)")
    assert first_item.endswith(
        f": {first.get_state_display()} (Fachbereich Mobilität) Wir prüfen das."
    )
    assert "Erika" not in text and "Amtsfrau" not in text
    assert people["editor"].username not in text


def seen_answer(page) -> str:
    return BeautifulSoup(page.text, "html.parser").find("input", {"name": "after_answer"})["value"]


def test_a_form_opened_before_a_colleagues_answer_cannot_undo_it_unread(
    client, people, proposal, tree
):
    client.force_login(people["editor"])
    opened = client.get(inspect_url(proposal))
    assert seen_answer(opened) == "0"
    answer(people["editor"], proposal, State.IN_REVIEW)
    colleague = answer(people["editor"], proposal, State.FEASIBLE, "Wird gebaut.")

    stale = client.post(
        inspect_url(proposal),
        {"state": State.IN_REVIEW, "text": "Noch offen.", "after_answer": seen_answer(opened)},
    )

    assert stale.status_code == 400
    assert "in der Zwischenzeit" in stale.text
    assert "Noch offen." in stale.text  # the editor's text is kept
    assert seen_answer(stale) == str(colleague.pk)
    proposal.refresh_from_db()
    assert proposal.state == State.FEASIBLE and ProposalAnswer.objects.count() == 2

    again = client.post(
        inspect_url(proposal),
        {"state": State.IN_REVIEW, "text": "Noch offen.", "after_answer": seen_answer(stale)},
    )
    assert again.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.IN_REVIEW and ProposalAnswer.objects.count() == 3


def test_the_service_refuses_an_answer_after_one_not_seen(people, proposal):
    first = answer(people["editor"], proposal, State.IN_REVIEW)

    with pytest.raises(Conflict) as refused:
        services.answer_proposal(
            people["editor"], proposal.pk, state=State.FEASIBLE, text="", after_answer=0
        )

    assert refused.value.code == "answered_meanwhile"
    services.answer_proposal(
        people["editor"], proposal.pk, state=State.FEASIBLE, text="", after_answer=first.pk
    )
    proposal.refresh_from_db()
    assert proposal.state == State.FEASIBLE
