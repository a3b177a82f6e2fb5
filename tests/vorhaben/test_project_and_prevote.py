"""An accepted Vorhaben becomes a draft project; submitted ones go to a staff-only pre-vote."""

import datetime

import pytest
from django.urls import reverse

from pages.approval import WORKFLOW_NAME
from participation.refusals import Conflict, Forbidden, InvalidInput
from polls.models import Audience, QuestionKind
from tests.vorhaben.conftest import make_vorhaben
from vorhaben import services
from vorhaben.models import Vorhaben, VorhabenState


def test_the_draft_project_is_prefilled_and_linked_both_ways(
    people, tree, project_index, district, logged_in
):
    vorhaben = make_vorhaben(
        tree["own"], state=VorhabenState.ACCEPTED, title="Sichere Schulwege", districts=[district]
    )
    response = logged_in("editor").post(reverse("vorhaben:project", args=(vorhaben.pk,)))
    vorhaben.refresh_from_db()
    project = vorhaben.project
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(project.pk,))
    assert (project.title, project.teaser, project.department, project.district) == (
        "Sichere Schulwege",
        "Die Straße soll sicherer werden.",
        tree["own"],
        district,
    )
    assert not project.live and project.get_parent().specific == project_index
    assert project.vorhaben == vorhaben
    phase = project.phases.get()
    assert (phase.start_date, phase.end_date) == (
        datetime.date(2027, 3, 1),
        datetime.date(2027, 5, 31),
    )
    assert vorhaben.state == VorhabenState.IN_PROGRESS
    assert vorhaben.transitions.get().to_state == VorhabenState.IN_PROGRESS
    assert vorhaben.live_project() is None


@pytest.mark.parametrize(
    "state",
    [VorhabenState.SUBMITTED, VorhabenState.IN_REVIEW, VorhabenState.REJECTED],
)
def test_only_an_accepted_vorhaben_becomes_a_project(people, tree, project_index, state):
    vorhaben = make_vorhaben(tree["own"], state=state)
    with pytest.raises(Conflict):
        services.create_project(people["team"], vorhaben)
    assert not Vorhaben.objects.get(pk=vorhaben.pk).project_id


@pytest.mark.parametrize("relation", ["parent", "sibling"])
def test_editors_create_projects_for_their_units_only(people, tree, project_index, relation):
    vorhaben = make_vorhaben(tree[relation], state=VorhabenState.ACCEPTED)
    with pytest.raises((Forbidden, services.NotFound)):
        services.create_project(people["editor"], vorhaben)


def test_a_second_project_is_refused(people, tree, project_index):
    vorhaben = make_vorhaben(tree["own"], state=VorhabenState.ACCEPTED)
    services.create_project(people["team"], vorhaben)
    vorhaben.refresh_from_db()
    vorhaben.state = VorhabenState.ACCEPTED
    with pytest.raises(Conflict):
        services.create_project(people["team"], vorhaben)


def test_the_pre_vote_is_a_staff_poll_of_the_team(people, tree, logged_in):
    first = make_vorhaben(tree["own"], title="Radweg")
    second = make_vorhaben(tree["sibling"], state=VorhabenState.IN_REVIEW, title="Park")
    response = logged_in("team").post(
        reverse("vorhaben:prevote"), {"vorhaben": [first.pk, second.pk]}
    )
    first.refresh_from_db()
    poll = first.prevote_poll
    assert response.status_code == 302
    assert (poll.audience, poll.department) == (Audience.STAFF, None)
    question = poll.questions.get()
    assert question.kind == QuestionKind.MULTIPLE
    assert sorted(question.choices.values_list("label", flat=True)) == ["Park", "Radweg"]
    assert Vorhaben.objects.get(pk=second.pk).prevote_poll == poll
    inspect = logged_in("team").get(reverse("vorhaben:inspect", args=(first.pk,)))
    assert poll.title in inspect.text


def test_the_pre_vote_needs_the_team_and_open_vorhaben(people, tree, logged_in):
    first = make_vorhaben(tree["own"])
    accepted = make_vorhaben(tree["own"], state=VorhabenState.ACCEPTED)
    assert logged_in("editor").get(reverse("vorhaben:prevote")).status_code == 404
    with pytest.raises(Conflict):
        services.start_prevote(people["team"], [first, accepted])
    with pytest.raises(InvalidInput):
        services.start_prevote(people["team"], [first])
    with pytest.raises(Forbidden):
        services.start_prevote(people["editor"], [first, make_vorhaben(tree["own"])])
    assert not Vorhaben.objects.filter(prevote_poll__isnull=False).exists()


def test_notes_are_for_the_team_and_the_department(people, tree, logged_in):
    vorhaben = make_vorhaben(tree["own"])
    logged_in("analyst").post(reverse("vorhaben:note", args=(vorhaben.pk,)), {"body": "Intern!"})
    assert vorhaben.notes.get().body == "Intern!"
    response = logged_in("team").get(reverse("vorhaben:inspect", args=(vorhaben.pk,)))
    assert "Intern!" in response.text
    other = make_vorhaben(tree["sibling"])
    response = logged_in("editor").post(reverse("vorhaben:note", args=(other.pk,)), {"body": "x"})
    assert response.status_code == 404 and not other.notes.exists()
    logged_in("team").post(reverse("vorhaben:note", args=(vorhaben.pk,)), {"body": "   "})
    assert vorhaben.notes.count() == 1


def test_the_project_editor_links_back_to_the_vorhaben(people, tree, project_index, logged_in):
    vorhaben = make_vorhaben(tree["own"], state=VorhabenState.ACCEPTED, title="Zurück-Link")
    project = services.create_project(people["team"], vorhaben)
    inspect_url = reverse("vorhaben:inspect", args=(vorhaben.pk,))
    editor = logged_in("team").get(reverse("wagtailadmin_pages:edit", args=(project.pk,)))
    assert editor.status_code == 200 and inspect_url in editor.text
    inspect = logged_in("team").get(inspect_url)
    assert reverse("wagtailadmin_pages:edit", args=(project.pk,)) in inspect.text


def test_the_draft_project_goes_through_the_teams_approval(people, tree, project_index):
    vorhaben = make_vorhaben(tree["own"], state=VorhabenState.ACCEPTED)
    project = services.create_project(people["editor"], vorhaben)
    assert project.get_workflow().name == WORKFLOW_NAME
    assert not project.permissions_for_user(people["editor"]).can_publish()
    assert project.permissions_for_user(people["editor"]).can_edit()
