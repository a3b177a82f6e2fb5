"""Proposals in "Meine Daten", and what an account's deletion leaves behind."""

import json

import pytest

from proposals import services
from proposals.models import Proposal, Support
from tests.factories import UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db


def sections(client):
    document = json.loads(client.get("/accounts/data/download/json/").content)
    return {section["key"]: section["items"] for section in document["sections"]}


def test_my_data_holds_my_proposals_and_supports_and_nothing_of_others(client, collection):
    anna, bert = UserFactory(), UserFactory()
    own = make_proposal(collection, author=anna, title="Annas Idee")
    berts = make_proposal(collection, author=bert, title="Berts Idee")
    services.support(participant(anna), berts.pk)
    services.support(participant(bert), own.pk)
    client.force_login(anna)

    found = sections(client)

    assert [item["title"] for item in found["proposals"]] == ["Annas Idee"]
    assert [item["proposal"] for item in found["proposal_supports"]] == ["Berts Idee"]


def test_a_deleted_account_leaves_its_proposals_and_supports_without_a_name(collection):
    anna = UserFactory()
    own = make_proposal(collection, author=anna)
    other = make_proposal(collection)
    services.support(participant(anna), other.pk)

    anna.delete()

    assert Proposal.objects.get(pk=own.pk).author is None
    assert Proposal.objects.get(pk=other.pk).support_count == 1
    assert Support.objects.get().user is None
