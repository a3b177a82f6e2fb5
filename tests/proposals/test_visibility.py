"""A collection and its proposals are visible exactly when the project page is: else 404."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from proposals.models import Proposal, Support
from tests.factories import UserFactory
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db


def urls(proposal):
    return {
        "list": reverse("ideen:collection", args=(proposal.collection_id,)),
        "submit": reverse("ideen:submit", args=(proposal.collection_id,)),
        "proposal": reverse("ideen:proposal", args=(proposal.pk,)),
        "edit": reverse("ideen:edit", args=(proposal.pk,)),
        "map": reverse("ideen:geojson", args=(proposal.collection_id,)),
    }


def all_hidden(client, proposal):
    statuses = {name: client.get(url).status_code for name, url in urls(proposal).items()}
    statuses["support"] = client.post(reverse("ideen:support", args=(proposal.pk,))).status_code
    statuses["withdraw"] = client.post(reverse("ideen:withdraw", args=(proposal.pk,))).status_code
    return statuses == dict.fromkeys(statuses, 404), statuses


def test_an_unpublished_project_hides_everything(client, collection):
    proposal = make_proposal(collection)
    collection.page.unpublish()
    client.force_login(proposal.author)

    hidden, statuses = all_hidden(client, proposal)

    assert hidden, statuses
    assert Support.objects.count() == 0
    assert Proposal.objects.get().withdrawn_at is None


def test_a_group_restricted_project_is_404_for_citizens_outside_the_group(client, collection):
    proposal = make_proposal(collection)
    restriction = PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.GROUPS
    )
    assert restriction.pk
    client.force_login(UserFactory())

    hidden, statuses = all_hidden(client, proposal)

    assert hidden, statuses
    assert Support.objects.count() == 0


def test_a_login_restricted_project_is_404_anonymous_and_open_signed_in(client, collection):
    proposal = make_proposal(collection)
    PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.LOGIN
    )

    hidden, statuses = all_hidden(client, proposal)
    client.force_login(UserFactory())
    signed_in = client.get(urls(proposal)["proposal"])

    assert hidden, statuses
    assert signed_in.status_code == 200


def test_a_password_protected_project_hides_proposals_without_the_password(client, collection):
    proposal = make_proposal(collection)
    PageViewRestriction.objects.create(
        page=collection.page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    client.force_login(UserFactory())

    hidden, statuses = all_hidden(client, proposal)

    assert hidden, statuses


def test_unknown_ids_answer_like_hidden_ones(client, collection):
    assert client.get(reverse("ideen:collection", args=(999999,))).status_code == 404
    assert client.get(reverse("ideen:proposal", args=(999999,))).status_code == 404
