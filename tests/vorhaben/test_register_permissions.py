"""Who finds, reads and changes which Vorhaben in the admin register.

The person holds their role in the 'own' unit (the team city-wide); the
Vorhaben belongs to that unit, the Dezernat above it (parent), the other
Fachbereich (sibling) or the team below (child).
"""

import re

import pytest
from django.urls import reverse

from tests.vorhaben.conftest import make_vorhaben
from vorhaben.models import Vorhaben, VorhabenState

RELATIONS = ("own", "parent", "sibling", "child")
ROLES = ("team", "editor", "moderator", "analyst", "staff", "citizen")
BELOW = {"own", "child"}
READS = {"team": set(RELATIONS), "editor": BELOW, "analyst": BELOW}
EDITS_SUBMITTED = {"team": set(RELATIONS), "editor": BELOW}


def answer(response) -> str:
    if response.status_code == 302:
        return "sign_in" if "login" in response.url else "refused"
    return {200: "shown", 403: "refused", 404: "not_found"}[response.status_code]


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_inspect(people, tree, logged_in, role, relation):
    vorhaben = make_vorhaben(tree[relation])
    response = logged_in(role).get(reverse("vorhaben:inspect", args=(vorhaben.pk,)))
    if relation in READS.get(role, set()):
        expected = "shown"
    elif role == "citizen":
        expected = "sign_in"
    else:
        # Looked up among the user's own before any other check: nothing else exists.
        expected = "not_found"
    assert answer(response) == expected


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_index_lists_the_reachable_vorhaben(people, tree, logged_in, role, relation):
    vorhaben = make_vorhaben(tree[relation], title=f"Plan der Einheit {relation}")
    response = logged_in(role).get(reverse("vorhaben:index"))
    listed = response.status_code == 200 and vorhaben.title in response.text
    assert listed == (relation in READS.get(role, set()))


@pytest.mark.parametrize("state", [VorhabenState.SUBMITTED, VorhabenState.IN_REVIEW])
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_edit(people, tree, logged_in, role, relation, state):
    vorhaben = make_vorhaben(tree[relation], state=state)
    response = logged_in(role).get(reverse("vorhaben:edit", args=(vorhaben.pk,)))
    edits = relation in EDITS_SUBMITTED.get(role, set()) and (
        role == "team" or state == VorhabenState.SUBMITTED
    )
    assert (answer(response) == "shown") == edits


@pytest.mark.parametrize("role", ["team", "analyst", "editor"])
def test_export_holds_the_reachable_vorhaben_only(people, tree, logged_in, role):
    own = make_vorhaben(tree["own"], title="Eigener Plan")
    other = make_vorhaben(tree["sibling"], title="Fremder Plan")
    response = logged_in(role).get(reverse("vorhaben:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert own.title in body
    assert (other.title in body) == (role == "team")
    assert people["editor"].username not in body


def test_an_editor_registers_a_vorhaben_for_their_unit(people, tree, logged_in):
    client = logged_in("editor")
    form = client.get(reverse("vorhaben:add"))
    offered = {str(choice[0]) for choice in form.context["form"].fields["department"].choices}
    assert str(tree["own"].pk) in offered and str(tree["sibling"].pk) not in offered
    data = {
        "title": "Tempo 30 in der Altstadt",
        "department": tree["child"].pk,
        "goal": "Ruhiger Verkehr",
        "open_to_decision": "Welche Straßen",
        "procedure": "informal",
        "contact_email": "verkehr@example.org",
        "formats": ["poll", "workshop"],
    }
    response = client.post(reverse("vorhaben:add"), data)
    vorhaben = Vorhaben.objects.get()
    assert response.status_code == 302
    assert vorhaben.formats == ["poll", "workshop"]
    assert vorhaben.state == VorhabenState.SUBMITTED
    assert vorhaben.submitted_by == people["editor"]
    assert vorhaben.transitions.count() == 1


def test_an_editor_cannot_register_for_another_unit(people, tree, logged_in):
    response = logged_in("editor").post(
        reverse("vorhaben:add"),
        {
            "title": "Fremd",
            "department": tree["sibling"].pk,
            "goal": "g",
            "open_to_decision": "o",
            "procedure": "informal",
            "contact_email": "a@example.org",
        },
    )
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert not Vorhaben.objects.exists()


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_only_the_team_decides_in_the_admin(people, tree, logged_in, role):
    vorhaben = make_vorhaben(tree["own"])
    logged_in(role).post(reverse("vorhaben:decide", args=(vorhaben.pk,)), {"decision": "review"})
    assert Vorhaben.objects.get(pk=vorhaben.pk).state == VorhabenState.SUBMITTED
    logged_in("team").post(
        reverse("vorhaben:decide", args=(vorhaben.pk,)), {"decision": "review", "comment": "Los"}
    )
    assert Vorhaben.objects.get(pk=vorhaben.pk).state == VorhabenState.IN_REVIEW


def test_the_inspect_view_shows_empty_values_as_a_dash(people, tree, logged_in):
    vorhaben = make_vorhaben(tree["own"], planned_start=None, planned_end=None)
    response = logged_in("team").get(reverse("vorhaben:inspect", args=(vorhaben.pk,)))
    fields = response.text.split("<dl>")[1].split("</dl>")[0]
    assert "None" not in fields
    assert re.search(r"<dd>\s*-\s*</dd>", fields)


@pytest.mark.parametrize("role", ROLES)
def test_the_register_does_not_exist_for_other_roles(people, logged_in, role):
    index = logged_in(role).get(reverse("vorhaben:index"))
    add = logged_in(role).get(reverse("vorhaben:add"))
    expected_index = "shown" if role in READS else ("sign_in" if role == "citizen" else "not_found")
    expected_add = (
        "shown" if role in EDITS_SUBMITTED else ("sign_in" if role == "citizen" else "not_found")
    )
    assert (answer(index), answer(add)) == (expected_index, expected_add)
