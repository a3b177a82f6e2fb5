"""The Vorhaben's states: which decision follows which, who makes it, and the history it leaves."""

import pytest
from django.core.exceptions import ValidationError

from participation.refusals import Conflict, Forbidden, InvalidInput
from tests.vorhaben.conftest import make_vorhaben
from vorhaben import rules, services
from vorhaben.models import Procedure, Vorhaben, VorhabenState
from vorhaben.models import VorhabenState as S

# decision -> {state it starts from: state it leads to}; every other start is refused.
EXPECTED = {
    "review": {S.SUBMITTED: S.IN_REVIEW, S.DEFERRED: S.IN_REVIEW},
    "accept": {S.IN_REVIEW: S.ACCEPTED, S.DEFERRED: S.ACCEPTED},
    "defer": {S.IN_REVIEW: S.DEFERRED},
    "reject": {S.IN_REVIEW: S.REJECTED, S.DEFERRED: S.REJECTED},
}


@pytest.mark.parametrize("start", list(VorhabenState))
@pytest.mark.parametrize("decision", list(EXPECTED))
def test_the_team_decides_from_the_allowed_states_only(people, tree, decision, start):
    vorhaben = make_vorhaben(tree["own"], state=start)
    target = EXPECTED[decision].get(start)
    if target is None:
        with pytest.raises(Conflict):
            services.decide(people["team"], vorhaben, decision)
        assert Vorhaben.objects.get(pk=vorhaben.pk).state == start
        assert not vorhaben.transitions.exists()
        return
    services.decide(people["team"], vorhaben, decision, comment="  Passt gut.  ")
    assert Vorhaben.objects.get(pk=vorhaben.pk).state == target
    transition = vorhaben.transitions.get()
    assert (transition.actor, transition.from_state, transition.to_state, transition.comment) == (
        people["team"],
        start,
        target,
        "Passt gut.",
    )


@pytest.mark.parametrize("role", ["editor", "analyst", "moderator", "staff", "citizen"])
def test_only_the_team_decides(people, tree, role):
    vorhaben = make_vorhaben(tree["own"], state=S.SUBMITTED)
    with pytest.raises((Forbidden, rules.NotFound)):
        services.decide(people[role], vorhaben, "review")
    assert Vorhaben.objects.get(pk=vorhaben.pk).state == S.SUBMITTED


def test_an_unknown_decision_is_refused(people, tree):
    vorhaben = make_vorhaben(tree["own"])
    with pytest.raises(InvalidInput):
        services.decide(people["team"], vorhaben, "publish")


def test_submission_records_the_first_state_and_who(people, tree, district):
    vorhaben = Vorhaben(
        title="Neue Radwege",
        goal="Sicher radeln",
        open_to_decision="Routen",
        contact_email="rad@example.org",
        department=tree["child"],
    )
    services.submit_vorhaben(people["editor"], vorhaben, districts=[district])
    vorhaben.refresh_from_db()
    assert vorhaben.state == S.SUBMITTED and vorhaben.submitted_by == people["editor"]
    assert list(vorhaben.districts.all()) == [district]
    assert list(vorhaben.transitions.values_list("from_state", "to_state")) == [("", S.SUBMITTED)]


@pytest.mark.parametrize("relation", ["parent", "sibling"])
def test_editors_submit_for_their_own_units_only(people, tree, relation):
    vorhaben = Vorhaben(title="x", goal="y", open_to_decision="z", department=tree[relation])
    with pytest.raises(Forbidden):
        services.submit_vorhaben(people["editor"], vorhaben)
    assert not Vorhaben.objects.exists()


def test_model_validation_names_the_fields(tree):
    vorhaben = Vorhaben(
        title="x",
        goal="y",
        open_to_decision="z",
        department=tree["own"],
        procedure=Procedure.FORMAL,
        planned_start="2027-05-01",
        planned_end="2027-04-01",
    )
    with pytest.raises(ValidationError) as error:
        vorhaben.full_clean()
    assert {"legal_basis", "planned_end", "contact_email"} <= set(error.value.message_dict)


def test_editors_change_their_vorhaben_only_while_submitted(people, tree):
    vorhaben = make_vorhaben(tree["own"])
    assert rules.editing_refusal(people["editor"], vorhaben) is None
    services.decide(people["team"], vorhaben, "review")
    vorhaben.refresh_from_db()
    assert isinstance(rules.editing_refusal(people["editor"], vorhaben), Conflict)
    assert rules.editing_refusal(people["team"], vorhaben) is None
