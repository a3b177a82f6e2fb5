"""Supports: one per account (the database says so too), taken back while supports are open."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from participation.refusals import Conflict, Forbidden
from proposals import services
from proposals.models import Proposal, Support
from tests.factories import UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal, today

pytestmark = pytest.mark.django_db


def test_the_database_allows_one_support_per_account(collection):
    proposal = make_proposal(collection)
    user = UserFactory()
    Support.objects.create(proposal=proposal, user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=user)


def test_a_second_support_is_a_conflict_and_counts_once(collection):
    proposal = make_proposal(collection)
    supporter = participant(UserFactory())

    assert services.support(supporter, proposal.pk) == 1
    with pytest.raises(Conflict) as refused:
        services.support(supporter, proposal.pk)

    assert refused.value.code == "already_supported"
    assert Proposal.objects.get().support_count == 1 == Support.objects.count()


def test_unsupport_takes_it_back_and_a_second_time_is_a_conflict(collection):
    proposal = make_proposal(collection)
    supporter = participant(UserFactory())
    services.support(supporter, proposal.pk)

    assert services.unsupport(supporter, proposal.pk) == 0
    with pytest.raises(Conflict):
        services.unsupport(supporter, proposal.pk)
    assert Proposal.objects.get().support_count == 0 == Support.objects.count()


def test_after_supports_close_nothing_changes(project_index):
    past = today() - datetime.timedelta(days=30)
    collection = make_collection(
        project_index,
        submissions_start=past,
        submissions_end=past,
        supports_until=today() - datetime.timedelta(days=1),
    )
    proposal = make_proposal(collection)
    user = UserFactory()
    Support.objects.create(proposal=proposal, user=user)

    with pytest.raises(Forbidden):
        services.unsupport(participant(user), proposal.pk)
    with pytest.raises(Forbidden):
        services.support(participant(UserFactory()), proposal.pk)
    assert Support.objects.count() == 1


def test_supporting_through_the_page_works_without_javascript(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())
    url = reverse("ideen:proposal", args=(proposal.pk,))

    before = client.get(url).content.decode()
    supported = client.post(reverse("ideen:support", args=(proposal.pk,)))
    after = client.get(url).content.decode()
    twice = client.post(reverse("ideen:support", args=(proposal.pk,)))
    taken_back = client.post(reverse("ideen:unsupport", args=(proposal.pk,)))

    assert reverse("ideen:support", args=(proposal.pk,)) in before
    assert supported.status_code == 302
    assert reverse("ideen:unsupport", args=(proposal.pk,)) in after
    assert twice.status_code == 409
    assert taken_back.status_code == 302
    assert Proposal.objects.get().support_count == 0


def test_the_threshold_marks_a_proposal_reached(client, collection):
    proposal = make_proposal(collection)
    for _ in range(collection.support_threshold):
        services.support(participant(UserFactory()), proposal.pk)

    page = client.get(reverse("ideen:proposal", args=(proposal.pk,))).content.decode()

    assert "erreicht" in page


def test_supporting_needs_the_post_method(client, collection):
    proposal = make_proposal(collection)
    client.force_login(UserFactory())

    assert client.get(reverse("ideen:support", args=(proposal.pk,))).status_code == 405
    assert Support.objects.count() == 0
