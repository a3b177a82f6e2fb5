"""The admin's lists of collections and proposals, narrowed to the project's unit."""

import pytest
from django.urls import reverse

from proposals.models import Moderation
from tests.factories import ProjectPageFactory
from tests.proposals.factories import make_collection, make_proposal


@pytest.fixture
def two_units(tree, project_index):
    own = make_collection(
        project_index, page=ProjectPageFactory(parent=project_index, department=tree["own"])
    )
    other = make_collection(
        project_index, page=ProjectPageFactory(parent=project_index, department=tree["sibling"])
    )
    return {
        "own": make_proposal(own, title="Radweg am Fluss"),
        "other": make_proposal(other, title="Parkbank im Grünen"),
    }


@pytest.mark.parametrize("role", ["editor", "moderator", "analyst"])
def test_unit_roles_see_their_units_proposals_only(client, people, two_units, role):
    client.force_login(people[role])

    response = client.get(reverse("proposals:index"))
    inspect_own = client.get(reverse("proposals:inspect", args=(two_units["own"].pk,)))
    inspect_other = client.get(reverse("proposals:inspect", args=(two_units["other"].pk,)))

    assert response.status_code == 200
    assert "Radweg am Fluss" in response.text
    assert "Parkbank im Grünen" not in response.text
    assert inspect_own.status_code == 200
    assert inspect_other.status_code in (302, 403, 404)


def test_the_team_sees_every_proposal_and_filters_by_collection(client, people, two_units):
    client.force_login(people["team"])
    collection = two_units["other"].collection

    everything = client.get(reverse("proposals:index"))
    filtered = client.get(reverse("proposals:index"), {"collection": collection.pk})

    assert "Radweg am Fluss" in everything.text
    assert "Parkbank im Grünen" in everything.text
    assert "Radweg am Fluss" not in filtered.text


def test_editors_set_up_collections_for_their_units_projects_only(client, people, two_units):
    client.force_login(people["editor"])

    form = client.get(reverse("idea_collections:add"))

    assert form.status_code == 200
    assert two_units["own"].collection.page.title in form.text
    assert two_units["other"].collection.page.title not in form.text


def test_citizens_do_not_get_in(client, people, two_units):
    client.force_login(people["citizen"])

    assert client.get(reverse("proposals:index")).status_code in (302, 403)


def test_a_unit_moderator_publishes_a_pending_proposal(client, people, two_units):
    proposal = two_units["own"]
    proposal.moderation = Moderation.PENDING
    proposal.save()
    client.force_login(people["moderator"])

    inspect = client.get(reverse("proposals:inspect", args=(proposal.pk,)))
    response = client.post(reverse("proposals:publish", args=(proposal.pk,)))

    assert "Vorschlag veröffentlichen" in inspect.text
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.moderation == Moderation.PUBLISHED


def test_nobody_publishes_a_proposal_of_another_unit(client, people, two_units):
    proposal = two_units["other"]
    proposal.moderation = Moderation.PENDING
    proposal.save()
    client.force_login(people["moderator"])

    response = client.post(reverse("proposals:publish", args=(proposal.pk,)))

    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.moderation == Moderation.PENDING


def test_the_inspect_view_says_in_words_whether_it_was_withdrawn(client, people, two_units):
    from django.utils import timezone

    proposal = two_units["own"]
    client.force_login(people["editor"])
    url = reverse("proposals:inspect", args=(proposal.pk,))

    before = client.get(url)
    proposal.withdrawn_at = timezone.now()
    proposal.save(update_fields=["withdrawn_at"])
    after = client.get(url)

    assert "nicht zurückgezogen" in before.text and ">None<" not in before.text
    assert "nicht zurückgezogen" not in after.text
