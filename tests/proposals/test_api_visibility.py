"""The API shows exactly what the HTML shows: restricted and unpublished projects and others'
pending proposals answer 404 on every endpoint, as if they did not exist."""

import pytest
from wagtail.models import PageViewRestriction

from proposals.models import Moderation, Proposal, Support
from tests.comments.helpers import api, logged_in
from tests.factories import StaffUserFactory, UserFactory
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db


def statuses(client, proposal) -> dict:
    collection = proposal.collection_id
    calls = {
        "collection": ("get", f"/api/v1/proposals/collections/{collection}", None),
        "list": ("get", f"/api/v1/proposals/collections/{collection}/proposals", None),
        "create": (
            "post",
            f"/api/v1/proposals/collections/{collection}/proposals",
            {"title": "Neu", "description": "Text"},
        ),
        "read": ("get", f"/api/v1/proposals/{proposal.pk}", None),
        "edit": ("patch", f"/api/v1/proposals/{proposal.pk}", {"title": "Anders"}),
        "withdraw": ("post", f"/api/v1/proposals/{proposal.pk}/withdraw", {}),
        "support": ("put", f"/api/v1/proposals/{proposal.pk}/support", None),
        "unsupport": ("delete", f"/api/v1/proposals/{proposal.pk}/support", None),
    }
    found = {}
    for name, (method, url, data) in calls.items():
        response, body = api(client, method, url, data)
        found[name] = (response.status_code, body["code"] if response.status_code >= 400 else "")
    return found


def test_a_group_restricted_project_hides_everything_from_outsiders(collection):
    proposal = make_proposal(collection)
    PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.GROUPS
    )

    found = statuses(logged_in(proposal.author), proposal)

    assert {status for status, _code in found.values()} == {404}, found
    assert Proposal.objects.count() == 1 and Support.objects.count() == 0
    assert Proposal.objects.get().withdrawn_at is None


def test_a_login_restricted_project_is_404_for_anonymous_visitors(client, collection):
    proposal = make_proposal(collection)
    PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(f"/api/v1/proposals/{proposal.pk}").status_code == 404
    response = logged_in(UserFactory()).get(f"/api/v1/proposals/{proposal.pk}")
    assert response.status_code == 200


def test_an_unpublished_project_hides_its_proposals(client, collection):
    proposal = make_proposal(collection)
    collection.page.unpublish()

    found = statuses(logged_in(proposal.author), proposal)

    assert {status for status, _code in found.values()} == {404}, found


def test_a_hidden_proposal_answers_as_a_missing_one(client, collection):
    proposal = make_proposal(collection, moderation=Moderation.PENDING)
    missing = client.get("/api/v1/proposals/987654").json()
    hidden = client.get(f"/api/v1/proposals/{proposal.pk}").json()
    assert hidden["code"] == missing["code"] == "proposal_not_found"
    assert hidden["detail"] == missing["detail"]


def test_a_pending_proposal_exists_only_for_its_author_and_moderators(client, collection):
    pending = make_proposal(collection, moderation=Moderation.PENDING, title="Noch geprüft")
    url = f"/api/v1/proposals/{pending.pk}"
    listing = f"/api/v1/proposals/collections/{collection.pk}/proposals"

    assert client.get(url).status_code == 404
    assert logged_in(UserFactory()).get(url).status_code == 404
    assert logged_in(StaffUserFactory()).get(url).status_code == 200
    own = logged_in(pending.author).get(url).json()
    assert own["moderation"] == "pending" and own["is_mine"] is True

    assert client.get(listing).json()["proposals"] == []
    assert [p["id"] for p in logged_in(pending.author).get(listing).json()["proposals"]] == [
        pending.pk
    ]
    response, body = api(logged_in(UserFactory()), "put", f"{url}/support")
    assert response.status_code == 404 and body["code"] == "proposal_not_found"


def test_collections_of_hidden_projects_are_not_listed(client, collection, project_index):
    from tests.proposals.factories import make_collection

    visible = make_collection(project_index)
    PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.LOGIN
    )

    _response, body = api(client, "get", "/api/v1/proposals/collections")
    _response, own_project = api(
        client, "get", f"/api/v1/proposals/collections?project={collection.page.pk}"
    )

    assert [item["id"] for item in body["collections"]] == [visible.pk]
    assert own_project["collections"] == []
