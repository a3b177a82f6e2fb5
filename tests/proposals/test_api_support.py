"""Supporting through the API: PUT and DELETE on /support, as the comments API does."""

import datetime

import pytest
from django.test import Client

from proposals.models import Proposal, Support
from tests.comments.helpers import api, logged_in
from tests.factories import UserFactory
from tests.proposals.factories import make_collection, make_proposal, today

pytestmark = pytest.mark.django_db


def support_url(proposal):
    return f"/api/v1/proposals/{proposal.pk}/support"


def test_support_and_take_it_back(citizen, collection):
    proposal = make_proposal(collection)
    client = logged_in(citizen)

    response, body = api(client, "put", support_url(proposal))
    assert response.status_code == 200
    assert body == {
        "proposal_id": proposal.pk,
        "support_count": 1,
        "supported_by_me": True,
        "reached": False,
    }
    _response, detail = api(client, "get", f"/api/v1/proposals/{proposal.pk}")
    assert detail["supported_by_me"] is True and detail["can_unsupport"] is True

    response, body = api(client, "delete", support_url(proposal))
    assert response.status_code == 200
    assert body["support_count"] == 0 and body["supported_by_me"] is False
    assert Support.objects.count() == 0


def test_twice_is_a_conflict_and_counts_once(citizen, collection):
    proposal = make_proposal(collection)
    client = logged_in(citizen)
    api(client, "put", support_url(proposal))

    response, body = api(client, "put", support_url(proposal))

    assert response.status_code == 409 and body["code"] == "already_supported"
    assert Proposal.objects.get().support_count == 1


def test_taking_back_without_a_support_is_a_conflict(citizen, collection):
    proposal = make_proposal(collection)
    response, body = api(logged_in(citizen), "delete", support_url(proposal))
    assert response.status_code == 409 and body["code"] == "not_supported"


def test_the_threshold_marks_it_reached(collection):
    proposal = make_proposal(collection)
    for _index in range(collection.support_threshold):
        _response, body = api(logged_in(UserFactory()), "put", support_url(proposal))
    assert body["reached"] is True


def test_own_withdrawn_and_closed_are_refused(project_index, citizen):
    collection = make_collection(project_index)
    own = make_proposal(collection, author=citizen)
    response, body = api(logged_in(citizen), "put", support_url(own))
    assert response.status_code == 403 and body["code"] == "own_proposal"

    withdrawn = make_proposal(collection, withdrawn_at=datetime.datetime.now(datetime.UTC))
    response, body = api(logged_in(UserFactory()), "put", support_url(withdrawn))
    assert response.status_code == 409 and body["code"] == "withdrawn"

    closed = make_collection(
        project_index,
        submissions_start=today() - datetime.timedelta(days=30),
        submissions_end=today() - datetime.timedelta(days=20),
        supports_until=today() - datetime.timedelta(days=1),
    )
    late = make_proposal(closed)
    response, body = api(logged_in(UserFactory()), "put", support_url(late))
    assert response.status_code == 403 and body["code"] == "supports_closed"
    assert Support.objects.count() == 0


def test_anonymous_and_unverified_cannot_support(client, collection):
    proposal = make_proposal(collection)
    response, body = api(client, "put", support_url(proposal))
    assert response.status_code == 401 and body["code"] == "not_authenticated"
    response, body = api(logged_in(UserFactory(verified=False)), "put", support_url(proposal))
    assert response.status_code == 403 and body["code"] == "email_not_verified"
    assert Support.objects.count() == 0


def test_supporting_without_the_csrf_token_is_refused(citizen, collection):
    proposal = make_proposal(collection)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)

    for method in ("put", "delete"):
        response, body = api(client, method, support_url(proposal))
        assert response.status_code == 403 and body["code"] == "csrf_failed"
    assert Support.objects.count() == 0
