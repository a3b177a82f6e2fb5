"""A proposal's location: the collection's mode decides, the city's box bounds it."""

import pytest
from django.urls import reverse

from participation.refusals import InvalidInput
from proposals import services
from proposals.models import LocationMode, Proposal
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection

pytestmark = pytest.mark.django_db

ZENTRUM = {"latitude": "50.9275", "longitude": "11.5880"}


def post(client, collection, **fields):
    client.force_login(UserFactory())
    data = {"title": "Bank am Markt", "description": "Eine Bank, bitte.", **fields}
    return client.post(reverse("ideen:submit", args=(collection.pk,)), data)


def test_a_point_is_stored_as_geojson_and_in_the_box_columns(client, project_index):
    collection = make_collection(project_index)

    response = post(client, collection, address="Markt 1", **ZENTRUM)

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.location == {"type": "Point", "coordinates": [11.588, 50.9275]}
    assert (proposal.latitude, proposal.longitude) == (50.9275, 11.588)
    assert proposal.address == "Markt 1"
    page = client.get(response["Location"]).content.decode()
    assert "Markt 1 · Breite 50,92750, Länge 11,58800" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"latitude": "48.137", "longitude": "11.575"}, "außerhalb der Stadt"),
        ({"latitude": "11.5880", "longitude": "50.9275"}, "außerhalb der Stadt"),
        ({"latitude": "50.9275"}, "Bitte geben Sie Breite und Länge an oder keines von beiden."),
        ({"latitude": "Markt"}, "Bitte geben Sie eine Zahl ein"),
    ],
)
def test_a_faulty_position_is_refused_at_the_field_and_nothing_stored(
    client, project_index, fields, message
):
    collection = make_collection(project_index)

    response = post(client, collection, **fields)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not Proposal.objects.exists()


def test_the_box_is_a_setting(client, project_index, settings):
    settings.PROPOSALS_MAP_BOUNDS = {"south": 48.0, "west": 11.0, "north": 48.3, "east": 12.0}
    collection = make_collection(project_index)

    refused = post(client, collection, **ZENTRUM)
    accepted = post(client, collection, latitude="48.137", longitude="11.575")

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Proposal.objects.get().latitude == 48.137


def test_a_required_location_takes_a_point_or_district_and_address(client, project_index):
    collection = make_collection(project_index, location_mode=LocationMode.REQUIRED)
    district = DistrictFactory(name="Lobeda")

    nothing = post(client, collection)
    address_only = post(client, collection, address="Am Kanal")
    described = post(client, collection, address="Am Kanal", district=district.pk)
    pointed = post(client, collection, **ZENTRUM)

    assert nothing.status_code == address_only.status_code == 400
    assert "Bitte markieren Sie den Ort auf der Karte" in nothing.content.decode()
    assert described.status_code == pointed.status_code == 302
    assert Proposal.objects.count() == 2


def test_a_collection_without_locations_shows_no_place_fields_and_stores_none(project_index):
    collection = make_collection(project_index, location_mode=LocationMode.OFF)
    author = UserFactory()

    proposal = services.submit_proposal(
        participant(author),
        collection,
        title="Mehr Grün",
        description="Bäume.",
        latitude=50.9275,
        longitude=11.588,
        address="Markt",
    )

    assert (proposal.location, proposal.latitude, proposal.address) == (None, None, "")


def test_the_service_names_the_field_in_its_refusal(project_index):
    collection = make_collection(project_index)

    with pytest.raises(InvalidInput) as refused:
        services.submit_proposal(
            participant(UserFactory()),
            collection,
            title="Mehr Grün",
            description="Bäume.",
            latitude=50.9275,
        )

    assert refused.value.errors[0]["field"] == "longitude"
    assert not Proposal.objects.exists()


def test_editing_moves_and_removes_the_point(client, project_index):
    collection = make_collection(project_index)
    post(client, collection, **ZENTRUM)
    proposal = Proposal.objects.get()
    url = reverse("ideen:edit", args=(proposal.pk,))
    form = client.get(url).content.decode()
    assert 'value="50.9275"' in form

    data = {"title": "Bank am Markt", "description": "Eine Bank, bitte."}
    client.post(url, {**data, "latitude": "50.88", "longitude": "11.60"})
    moved = Proposal.objects.get()
    client.post(url, data)
    removed = Proposal.objects.get()

    assert (moved.latitude, moved.longitude) == (50.88, 11.6)
    assert (removed.location, removed.latitude, removed.longitude) == (None, None, None)
