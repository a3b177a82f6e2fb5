"""Reading collections and proposals through the API: shapes, filters, orders, cursors, ETags."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from proposals import services
from proposals.listing import PAGE_SIZE
from proposals.models import ProposalAnswer, ProposalState
from tests.comments.helpers import api, logged_in
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.factories import make_collection, make_proposal, topic

pytestmark = pytest.mark.django_db

SEED = "0123456789abcdef"


def listing_url(collection, **query):
    params = urlencode(query)
    return f"/api/v1/proposals/collections/{collection.pk}/proposals" + (
        f"?{params}" if params else ""
    )


def test_collection_shows_dates_open_flags_and_choices(client, project_index):
    bikes = topic("Radverkehr")
    district = DistrictFactory(name="Lobeda", slug="lobeda")
    collection = make_collection(project_index, topics=[bikes])

    response, body = api(client, "get", f"/api/v1/proposals/collections/{collection.pk}")

    assert response.status_code == 200
    assert body["id"] == collection.pk
    assert body["project"]["id"] == collection.page.pk
    assert body["open_for_proposals"] is body["open_for_supports"] is True
    assert body["submissions_end"] == collection.submissions_end.isoformat()
    assert body["categories"] == [{"id": bikes.pk, "slug": bikes.slug, "name": "Radverkehr"}]
    assert {"id": district.pk, "slug": "lobeda", "name": "Lobeda"} in body["districts"]
    assert body["can_submit"] is False
    assert body["submit_refusal_code"] == "not_authenticated"


def test_a_signed_in_citizen_may_submit_while_it_is_open(citizen, collection):
    _response, body = api(
        logged_in(citizen), "get", f"/api/v1/proposals/collections/{collection.pk}"
    )
    assert body["can_submit"] is True and body["submit_refusal"] is None


def test_a_proposal_shows_its_latest_answer_and_the_history(client, collection):
    proposal = make_proposal(collection, description="Erster Absatz\n\nhttps://example.org")
    now = timezone.now()
    ProposalAnswer.objects.create(
        proposal=proposal,
        state=ProposalState.IN_REVIEW,
        text="Wir prüfen.",
        office="Amt für Stadtgrün",
        created_at=now - datetime.timedelta(days=2),
    )
    ProposalAnswer.objects.create(
        proposal=proposal, state=ProposalState.FEASIBLE, text="Machbar.", office="Amt für Stadtgrün"
    )

    response, body = api(client, "get", f"/api/v1/proposals/{proposal.pk}")

    assert response.status_code == 200
    assert body["answer"]["state"] == "umsetzbar"
    assert body["answer"]["office"] == "Amt für Stadtgrün"
    assert [answer["text"] for answer in body["answers"]] == ["Machbar.", "Wir prüfen."]
    assert body["description_html"].startswith("<p>Erster Absatz</p>")
    assert 'rel="nofollow ugc"' in body["description_html"]
    assert body["url"].endswith(f"/ideen/vorschlag/{proposal.pk}/")
    assert "author" not in body
    assert body["can_support"] is False and body["support_refusal_code"] == "not_authenticated"


def test_unknown_proposal_and_collection_are_404_problems(client, db):
    response, body = api(client, "get", "/api/v1/proposals/987654")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert body["code"] == "proposal_not_found"
    response, body = api(client, "get", "/api/v1/proposals/collections/987654/proposals")
    assert response.status_code == 404 and body["code"] == "collection_not_found"


def test_filters_by_category_state_and_district(client, project_index):
    bikes, trees = topic("Radverkehr"), topic("Bäume")
    lobeda = DistrictFactory(name="Lobeda", slug="lobeda")
    collection = make_collection(project_index, topics=[bikes, trees])
    wanted = make_proposal(collection, category=bikes, district=lobeda, state="in_pruefung")
    make_proposal(collection, category=trees, district=lobeda, state="in_pruefung")
    make_proposal(collection, category=bikes, state="in_pruefung")
    make_proposal(collection, category=bikes, district=lobeda)

    _response, body = api(
        client,
        "get",
        listing_url(collection, category=bikes.slug, district="lobeda", state="in_pruefung"),
    )

    assert [item["id"] for item in body["proposals"]] == [wanted.pk]
    assert body["proposals"][0]["category"]["slug"] == bikes.slug


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"category": "gibt-es-nicht"}, "category"),
        ({"district": "gibt-es-nicht"}, "district"),
        ({"state": "erledigt"}, "state"),
        ({"sort": "beliebt"}, "sort"),
        ({"seed": "xyz"}, "seed"),
        ({"sort": "newest", "cursor": "gestern~1"}, "cursor"),
        ({"sort": "most_supported", "cursor": "viele~1"}, "cursor"),
        ({"cursor": "0_12~3"}, "seed"),
        ({"cursor": "7_12~3", "seed": SEED}, "cursor"),
    ],
)
def test_bad_listing_parameters_are_problems_naming_the_field(client, collection, query, field):
    response, body = api(client, "get", listing_url(collection, **query))

    assert response.status_code == 400, body
    assert field in [error["field"] for error in body["errors"]]


def test_newest_pages_cover_every_proposal_once(client, collection):
    start = timezone.now() - datetime.timedelta(hours=1)
    # Pairs share a moment: the id breaks the tie in the cursor.
    made = [
        make_proposal(collection, created_at=start + datetime.timedelta(minutes=index // 2))
        for index in range(PAGE_SIZE * 2 + 3)
    ]
    seen, cursor = [], None
    for _page in range(3):
        url = listing_url(collection, sort="newest", **({"cursor": cursor} if cursor else {}))
        _response, body = api(client, "get", url)
        seen += [item["id"] for item in body["proposals"]]
        cursor = body["next_cursor"]
    expected = sorted(made, key=lambda p: (p.created_at, p.pk), reverse=True)
    assert seen == [proposal.pk for proposal in expected]
    assert cursor is None


def test_most_supported_comes_first(client, collection):
    little = make_proposal(collection, support_count=1)
    much = make_proposal(collection, support_count=5)

    _response, body = api(client, "get", listing_url(collection, sort="most_supported"))

    assert [item["id"] for item in body["proposals"]] == [much.pk, little.pk]
    assert body["proposals"][0]["reached"] is True and body["proposals"][1]["reached"] is False


def test_random_order_is_stable_with_its_seed_and_pages_through_all(client, collection):
    made = {make_proposal(collection).pk for _index in range(PAGE_SIZE + 5)}

    _response, first = api(client, "get", listing_url(collection))
    seed = first["seed"]
    _response, again = api(client, "get", listing_url(collection, seed=seed))
    _response, second = api(
        client, "get", listing_url(collection, seed=seed, cursor=first["next_cursor"])
    )

    assert first["sort"] == "random" and len(seed) == 16
    assert again["proposals"] == first["proposals"]
    ids = [item["id"] for item in first["proposals"] + second["proposals"]]
    assert sorted(ids) == sorted(made)
    assert second["next_cursor"] is None


def test_public_reads_revalidate_with_their_etag(client, collection):
    proposal = make_proposal(collection)
    for url in (
        f"/api/v1/proposals/{proposal.pk}",
        f"/api/v1/proposals/collections/{collection.pk}",
        listing_url(collection, sort="newest"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")

        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])

        assert again.status_code == 304, url


def test_the_etag_changes_with_a_support(client, collection):
    proposal = make_proposal(collection)
    url = f"/api/v1/proposals/{proposal.pk}"
    before = client.get(url)["ETag"]
    from tests.proposals.conftest import participant

    services.support(participant(UserFactory()), proposal.pk)

    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_signed_in_reads_are_private(citizen, collection):
    proposal = make_proposal(collection)
    response = logged_in(citizen).get(f"/api/v1/proposals/{proposal.pk}")
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_a_projects_collections_are_listed(client, project_index):
    first = make_collection(project_index)
    second = make_collection(project_index, page=first.page, title="Zweite Runde")
    elsewhere = make_collection(project_index)

    _response, body = api(client, "get", f"/api/v1/proposals/collections?project={first.page.pk}")
    _response, everything = api(client, "get", "/api/v1/proposals/collections")

    assert {item["id"] for item in body["collections"]} == {first.pk, second.pk}
    assert {item["id"] for item in everything["collections"]} == {
        first.pk,
        second.pk,
        elsewhere.pk,
    }
