"""The GeoJSON of a collection: the listing's proposals with a point, a box filter in SQL."""

import json

import pytest
from django.urls import reverse

from participation import geo
from proposals.geojson import feature_collection, in_python
from proposals.models import Moderation, Proposal
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.factories import make_proposal

pytestmark = pytest.mark.django_db


def located(collection, lat, lon, **fields):
    return make_proposal(collection, location=geo.point(lon, lat), **fields)


def geojson(client, collection, **query):
    return client.get(reverse("ideen:geojson", args=(collection.pk,)), query)


def ids(response):
    return sorted(feature["properties"]["id"] for feature in response.json()["features"])


def test_features_carry_the_point_and_the_listing_facts(client, collection):
    lobeda = DistrictFactory(name="Lobeda")
    proposal = located(collection, 50.8899, 11.6120, district=lobeda)
    make_proposal(collection)  # no point: not on the map

    response = geojson(client, collection)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    [feature] = body["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.612, 50.8899]}
    assert feature["properties"] == {
        "id": proposal.pk,
        "title": proposal.title,
        "state": "eingereicht",
        "support_count": 0,
        "url": f"http://testserver/ideen/vorschlag/{proposal.pk}/",
        "district": "Lobeda",
    }


def test_the_box_filters_in_sql(client, collection):
    zentrum = located(collection, 50.9275, 11.5880)
    lobeda = located(collection, 50.8899, 11.6120)

    inner = geojson(client, collection, bbox="11.58,50.92,11.60,50.94")
    both = geojson(client, collection, bbox="11.5,50.85,11.7,50.98")
    edge = geojson(client, collection, bbox="11.588,50.9275,11.588,50.9275")

    assert ids(inner) == [zentrum.pk]
    assert ids(both) == sorted([zentrum.pk, lobeda.pk])
    assert ids(edge) == [zentrum.pk]


@pytest.mark.parametrize(
    "bbox", ["", "11.5,50.8", "a,b,c,d", "11.7,50.85,11.5,50.98", "11,50,12,nan", "1,2,3,4,5"]
)
def test_a_faulty_box_is_a_problem_naming_the_parameter(client, collection, bbox):
    response = geojson(client, collection, bbox=bbox)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "invalid_bbox"
    assert body["errors"][0]["field"] == "bbox"
    assert "west,south,east,north" in body["detail"]


def test_the_listing_filters_apply(client, collection):
    lobeda, winzerla = DistrictFactory(name="Lobeda"), DistrictFactory(name="Winzerla")
    in_lobeda = located(collection, 50.8899, 11.6120, district=lobeda)
    located(collection, 50.9050, 11.5600, district=winzerla)

    response = geojson(client, collection, bezirk=lobeda.slug)

    assert ids(response) == [in_lobeda.pk]


def test_pending_proposals_only_for_their_author(client, collection):
    author = UserFactory()
    published = located(collection, 50.9275, 11.5880)
    pending = located(collection, 50.93, 11.59, author=author, moderation=Moderation.PENDING)

    anonymous = geojson(client, collection)
    client.force_login(UserFactory())
    other = geojson(client, collection)
    client.force_login(author)
    own = geojson(client, collection)

    assert ids(anonymous) == ids(other) == [published.pk]
    assert ids(own) == sorted([published.pk, pending.pk])


def test_an_invisible_project_answers_a_not_found_problem(client, collection):
    located(collection, 50.9275, 11.5880)
    collection.page.unpublish()

    response = geojson(client, collection)

    assert response.status_code == 404
    assert response.json()["code"] == "collection_not_found"
    assert geojson(client, type("Gone", (), {"pk": 999_999})).status_code == 404


def test_the_query_count_does_not_grow(client, collection, django_assert_max_num_queries):
    district = DistrictFactory(name="Zentrum")
    located(collection, 50.9275, 11.5880, district=district)
    # The session, the collection, its page and restrictions, the version, the features.
    with django_assert_max_num_queries(7) as small:
        assert len(geojson(client, collection).json()["features"]) == 1
    for step in range(60):
        located(collection, 50.86 + step / 1000, 11.51 + step / 1000, district=district)

    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(geojson(client, collection).json()["features"]) == 61


def test_the_database_writes_what_python_would(collection):
    zentrum = DistrictFactory(name="Zentrum")
    located(collection, 50.9275, 11.5880, district=zentrum, title='Bänke „am“ "Markt" \\ ✓')
    located(collection, 50.8899, 11.6120)
    proposals = Proposal.objects.filter(collection=collection)

    written = feature_collection(proposals, "https://portal.example/v/")

    assert json.loads(written) == json.loads(in_python(proposals, "https://portal.example/v/"))
    assert len(json.loads(written)["features"]) == 2
    assert json.loads(feature_collection(proposals.none(), "x")) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_the_shared_document_follows_every_change_and_answers_304_while_none(
    client, collection, people
):
    from proposals import moderation, services
    from proposals.models import ProposalModerationAction
    from tests.proposals.conftest import participant

    proposal = located(collection, 50.9275, 11.5880, title="Bank am Teich")
    other = located(collection, 50.93, 11.59, title="Brunnen")
    first = geojson(client, collection)
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"

    unchanged = client.get(
        reverse("ideen:geojson", args=(collection.pk,)), headers={"If-None-Match": etag}
    )
    assert unchanged.status_code == 304

    def supports_of(response):
        return {
            f["properties"]["id"]: f["properties"]["support_count"]
            for f in response.json()["features"]
        }

    services.support(participant(UserFactory()), proposal.pk)
    supported = geojson(client, collection)
    assert supported["ETag"] != etag and supports_of(supported)[proposal.pk] == 1

    moderation.moderate(
        participant(people["team"]), [other.pk], ProposalModerationAction.REMOVE, reason="Werbung"
    )
    assert ids(geojson(client, collection)) == [proposal.pk]

    services.withdraw_proposal(participant(proposal.author), proposal.pk)
    assert ids(geojson(client, collection)) == [proposal.pk]

    collection.page.unpublish()
    assert geojson(client, collection).status_code == 404
