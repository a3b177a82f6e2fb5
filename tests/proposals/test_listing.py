"""The collection's listing: filters, orders, a stable random order per visitor, keyset pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from proposals.listing import PAGE_SIZE
from proposals.models import ProposalState
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.factories import make_collection, make_proposal, topic

pytestmark = pytest.mark.django_db

TITLE = re.compile(r'<h3><a href="/ideen/vorschlag/\d+/">([^<]+)</a></h3>')


def titles(response) -> list[str]:
    return TITLE.findall(response.content.decode())


def listing(client, collection, **query):
    return client.get(reverse("ideen:collection", args=(collection.pk,)), query)


def many(collection, count):
    author = UserFactory()
    start = timezone.now() - datetime.timedelta(days=1)
    return [
        make_proposal(
            collection,
            author=author,
            title=f"Vorschlag {index:03d}",
            created_at=start + datetime.timedelta(minutes=index),
            support_count=(index * 7) % 5,
        )
        for index in range(count)
    ]


def test_filters_by_category_state_and_district(client, project_index):
    verkehr, kultur = topic("Verkehr"), topic("Kultur")
    lobeda = DistrictFactory(name="Lobeda")
    collection = make_collection(project_index, topics=[verkehr, kultur])
    make_proposal(collection, title="Radweg", category=verkehr, district=lobeda)
    make_proposal(collection, title="Theater", category=kultur, state=ProposalState.IN_REVIEW)

    assert titles(listing(client, collection, kategorie=verkehr.slug)) == ["Radweg"]
    assert titles(listing(client, collection, status=ProposalState.IN_REVIEW)) == ["Theater"]
    assert titles(listing(client, collection, bezirk=lobeda.slug)) == ["Radweg"]
    unknown = listing(client, collection, bezirk="atlantis")
    assert unknown.status_code == 200
    assert sorted(titles(unknown)) == ["Radweg", "Theater"]


def test_newest_and_most_supported_orders(client, collection):
    old = make_proposal(collection, title="Alt", support_count=5)
    old.created_at = timezone.now() - datetime.timedelta(days=2)
    old.save()
    make_proposal(collection, title="Neu", support_count=1)

    assert titles(listing(client, collection, sortierung="neueste")) == ["Neu", "Alt"]
    assert titles(listing(client, collection, sortierung="unterstuetzt")) == ["Alt", "Neu"]


def test_random_order_is_stable_for_a_visitor_and_differs_between_visitors(
    client, collection, django_user_model
):
    many(collection, PAGE_SIZE)
    first = titles(listing(client, collection))
    again = titles(listing(client, collection))

    # A visitor's seed picks where the one shuffled cycle starts: two visitors
    # start in the same gap between keys with chance 1/PAGE_SIZE, so ask ten.
    others = []
    for _visitor in range(10):
        client.cookies.clear()
        others.append(titles(listing(client, collection)))

    assert len(first) == PAGE_SIZE
    assert first == again
    assert all(sorted(other) == sorted(first) for other in others)
    assert any(other != first for other in others)


@pytest.mark.parametrize("sort", ["zufall", "neueste", "unterstuetzt"])
def test_keyset_pages_show_every_proposal_once(client, collection, sort):
    created = many(collection, 2 * PAGE_SIZE + 5)
    seen, url, pages = [], reverse("ideen:collection", args=(collection.pk,)), 0
    response = client.get(url, {"sortierung": sort})
    while True:
        pages += 1
        seen += titles(response)
        match = re.search(r'<a href="(\?[^"]+)" rel="next">', response.content.decode())
        if not match:
            break
        response = client.get(url + match.group(1).replace("&amp;", "&"))

    assert pages == 3
    assert sorted(seen) == sorted(proposal.title for proposal in created)


def test_query_count_does_not_grow_with_the_list_and_no_offset_or_count(client, project_index):
    small = make_collection(project_index)
    many(small, 3)
    large = make_collection(project_index)
    many(large, 3 * PAGE_SIZE)
    listing(client, small)  # the session exists from here on

    def queries(collection, **query):
        with CaptureQueriesContext(connection) as captured:
            assert listing(client, collection, **query).status_code == 200
        return [entry["sql"] for entry in captured.captured_queries]

    few, lots = queries(small), queries(large)
    filtered = queries(large, sortierung="unterstuetzt", status="eingereicht")

    assert len(few) == len(lots) == len(filtered)
    listing_sql = [sql for sql in lots if "proposals_proposal" in sql]
    assert listing_sql
    assert not [sql for sql in listing_sql if "OFFSET" in sql or "COUNT(" in sql]


def test_a_forged_cursor_shows_the_first_page(client, collection):
    many(collection, 3)

    response = listing(client, collection, sortierung="neueste", nach="kaputt~x")

    assert response.status_code == 200
    assert len(titles(response)) == 3
