"""Submitting, editing and withdrawing through the API: the HTML's services, rules and codes."""

import datetime

import pytest
from django.test import Client

from proposals.models import ModerationMode, Proposal, Support
from tests.comments.helpers import api, logged_in
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.factories import make_collection, make_proposal, today, topic

pytestmark = pytest.mark.django_db


def create_url(collection):
    return f"/api/v1/proposals/collections/{collection.pk}/proposals"


def test_a_citizen_submits_a_proposal(citizen, project_index):
    bikes = topic("Radverkehr")
    DistrictFactory(name="Lobeda", slug="lobeda")
    collection = make_collection(project_index, topics=[bikes])

    response, body = api(
        logged_in(citizen),
        "post",
        create_url(collection),
        {
            "title": "Radweg an der Saale",
            "description": "Bitte durchgehend.",
            "category": bikes.slug,
            "district": "lobeda",
        },
    )

    assert response.status_code == 201, body
    proposal = Proposal.objects.get()
    assert body["id"] == proposal.pk and proposal.author == citizen
    assert body["moderation"] == "published" and body["is_mine"] is True
    assert body["category"]["slug"] == bikes.slug and body["district"]["slug"] == "lobeda"
    assert body["can_edit"] is True and body["can_support"] is False
    assert body["support_refusal_code"] == "own_proposal"


def test_with_pre_moderation_it_waits(citizen, project_index):
    collection = make_collection(project_index, moderation=ModerationMode.PRE)
    response, body = api(
        logged_in(citizen), "post", create_url(collection), {"title": "Idee", "description": "Text"}
    )
    assert response.status_code == 201 and body["moderation"] == "pending"


def test_every_fault_names_its_field(citizen, project_index):
    collection = make_collection(project_index, topics=[topic("Radverkehr")])

    response, body = api(
        logged_in(citizen), "post", create_url(collection), {"title": "  ", "description": ""}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {error["field"] for error in body["errors"]} == {"title", "description", "category"}
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "A", "description": "B", "category": "gibt-es-nicht"}, "category"),
        ({"title": "A", "description": "B", "district": "gibt-es-nicht"}, "district"),
        ({"title": "A", "description": "B", "author": 1}, "author"),
        ({"description": "B"}, "title"),
        ({"title": "A" * 141, "description": "B"}, "title"),
    ],
)
def test_bad_bodies_are_problems_naming_the_field(citizen, collection, data, field):
    response, body = api(logged_in(citizen), "post", create_url(collection), data)

    assert response.status_code == 400, body
    assert field in [error["field"] for error in body["errors"]]


def test_submitting_needs_a_signed_in_confirmed_account(client, collection):
    data = {"title": "Idee", "description": "Text"}
    response, body = api(client, "post", create_url(collection), data)
    assert response.status_code == 401 and body["code"] == "not_authenticated"

    unverified = logged_in(UserFactory(verified=False))
    response, body = api(unverified, "post", create_url(collection), data)
    assert response.status_code == 403 and body["code"] == "email_not_verified"
    assert Proposal.objects.count() == 0


def test_a_closed_collection_refuses_new_proposals(citizen, project_index):
    collection = make_collection(
        project_index,
        submissions_start=today() - datetime.timedelta(days=20),
        submissions_end=today() - datetime.timedelta(days=1),
    )
    response, body = api(
        logged_in(citizen), "post", create_url(collection), {"title": "Idee", "description": "Text"}
    )
    assert response.status_code == 403 and body["code"] == "submissions_closed"


def test_writes_without_the_csrf_token_are_refused(citizen, collection):
    proposal = make_proposal(collection, author=citizen)
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    for method, url, data in (
        ("post", create_url(collection), {"title": "Idee", "description": "Text"}),
        ("patch", f"/api/v1/proposals/{proposal.pk}", {"title": "Anders"}),
        ("post", f"/api/v1/proposals/{proposal.pk}/withdraw", {}),
    ):
        response, body = api(client, method, url, data)
        assert response.status_code == 403, url
        assert body["code"] == "csrf_failed"
    proposal.refresh_from_db()
    assert proposal.title == "Mehr Bänke am Saaleufer" and proposal.withdrawn_at is None
    assert Proposal.objects.count() == 1


def test_the_author_edits_only_the_fields_sent(citizen, project_index):
    bikes = topic("Radverkehr")
    collection = make_collection(project_index, topics=[bikes])
    proposal = make_proposal(collection, author=citizen, category=bikes)

    response, body = api(
        logged_in(citizen), "patch", f"/api/v1/proposals/{proposal.pk}", {"title": "Neuer Titel"}
    )

    assert response.status_code == 200, body
    proposal.refresh_from_db()
    assert proposal.title == body["title"] == "Neuer Titel"
    assert proposal.description == "Bitte mehr Bänke." and proposal.category == bikes


def test_editing_after_a_support_is_a_conflict(citizen, collection):
    proposal = make_proposal(collection, author=citizen)
    Support.objects.create(proposal=proposal, user=UserFactory())
    Proposal.objects.filter(pk=proposal.pk).update(support_count=1)

    response, body = api(
        logged_in(citizen), "patch", f"/api/v1/proposals/{proposal.pk}", {"title": "Anders"}
    )

    assert response.status_code == 409 and body["code"] == "already_supported"


def test_others_cannot_edit_or_withdraw(collection):
    proposal = make_proposal(collection)
    other = logged_in(UserFactory())

    response, body = api(other, "patch", f"/api/v1/proposals/{proposal.pk}", {"title": "Meins"})
    assert response.status_code == 403 and body["code"] == "not_author"
    response, body = api(other, "post", f"/api/v1/proposals/{proposal.pk}/withdraw", {})
    assert response.status_code == 403 and body["code"] == "not_author"
    response, body = api(Client(), "post", f"/api/v1/proposals/{proposal.pk}/withdraw", {})
    assert response.status_code == 401
    assert Proposal.objects.get().withdrawn_at is None


def test_withdrawing_marks_it_and_a_second_time_is_a_conflict(citizen, collection):
    proposal = make_proposal(collection, author=citizen)
    client = logged_in(citizen)

    response, body = api(client, "post", f"/api/v1/proposals/{proposal.pk}/withdraw", {})
    assert response.status_code == 200
    assert body["withdrawn"] is True and body["withdrawn_at"]
    assert body["can_edit"] is body["can_withdraw"] is False

    response, body = api(client, "post", f"/api/v1/proposals/{proposal.pk}/withdraw", {})
    assert response.status_code == 409 and body["code"] == "withdrawn"


SQUARE = [[11.55, 50.90], [11.60, 50.90], [11.60, 50.95], [11.55, 50.95], [11.55, 50.90]]


def test_a_place_is_taken_as_on_the_form_and_answered_as_geojson(citizen, project_index):
    lobeda = DistrictFactory(
        name="Lobeda", slug="lobeda", boundary={"type": "Polygon", "coordinates": [SQUARE]}
    )
    collection = make_collection(project_index, location_mode="optional")
    client = logged_in(citizen)

    response, body = api(
        client,
        "post",
        create_url(collection),
        {
            "title": "Bank",
            "description": "Am Teich",
            "latitude": 50.92,
            "longitude": 11.57,
            "address": "Am Teich 1",
        },
    )

    assert response.status_code == 201, body
    assert body["location"] == {"type": "Point", "coordinates": [11.57, 50.92]}
    assert body["address"] == "Am Teich 1"
    # The point lies in Lobeda's boundary: the district follows it, as on the form.
    assert body["district"]["slug"] == lobeda.slug
    assert body["comment_count"] == 0 and body["images"] == [] and body["attachment_url"] is None
    assert body["discussion_url"].endswith(f"/api/v1/comments/subjects/proposal/{body['id']}")

    response, body = api(client, "patch", f"/api/v1/proposals/{body['id']}", {"address": "Teich"})
    assert response.status_code == 200, body
    assert body["address"] == "Teich" and body["location"]["coordinates"] == [11.57, 50.92]


def test_a_place_outside_the_city_or_half_a_point_names_the_field(citizen, project_index):
    collection = make_collection(project_index, location_mode="optional")
    client = logged_in(citizen)
    base = {"title": "Bank", "description": "Am Teich"}

    far, far_body = api(
        client, "post", create_url(collection), {**base, "latitude": 52.52, "longitude": 13.40}
    )
    half, half_body = api(client, "post", create_url(collection), {**base, "latitude": 50.92})

    assert far.status_code == 400 and half.status_code == 400
    assert {error["field"] for error in far_body["errors"]} & {"latitude", "longitude", "location"}
    assert {error["field"] for error in half_body["errors"]} & {"latitude", "longitude", "location"}
    assert not Proposal.objects.exists()
