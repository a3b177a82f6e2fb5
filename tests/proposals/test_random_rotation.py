"""The random order as a rotation of stored keys: starts per seed, wraps, pages, filters."""

import re

import pytest
from django.urls import reverse

from proposals.listing import PAGE_SIZE, SEED_SESSION_KEY, listing_page, seed_key
from proposals.models import Proposal
from tests.factories import UserFactory
from tests.proposals.factories import make_collection, make_proposal, topic

pytestmark = pytest.mark.django_db

STEP = 2**55
COUNT = 2 * PAGE_SIZE + 5


def seed_at(key: int) -> str:
    seed = format(key << 2, "016x")
    assert seed_key(seed) == key
    return seed


def keyed(collection, count=COUNT) -> list[Proposal]:
    """Proposals whose keys are 1, 2, ... steps apart, in that order (titles say the step)."""
    author = UserFactory()
    return [
        make_proposal(collection, author=author, title=f"P{index:02d}", shuffle_key=index * STEP)
        for index in range(1, count + 1)
    ]


def walk(queryset, seed) -> list[list[str]]:
    pages, cursor = [], ""
    while True:
        page = listing_page(queryset, sort="zufall", seed=seed, cursor=cursor)
        pages.append([proposal.title for proposal in page.proposals])
        if not page.next_cursor:
            return pages
        cursor = page.next_cursor
        assert len(pages) < 10


def test_different_seeds_start_at_different_proposals(collection):
    keyed(collection)
    proposals = Proposal.objects.filter(collection=collection)

    def first(key):
        return listing_page(proposals, sort="zufall", seed=seed_at(key)).proposals[0].title

    assert first(0) == "P01"
    assert first(10 * STEP) == "P10"
    assert first(10 * STEP + 1) == "P11"
    assert first(30 * STEP - 5) == "P30"
    # After the last key the order wraps to the first one.
    assert first(COUNT * STEP + 1) == "P01"


@pytest.mark.parametrize("start", [0, 5, 10, 25, 30, COUNT - 1, COUNT])
def test_pages_cover_every_proposal_once_across_the_wrap(collection, start):
    keyed(collection)
    titles = [f"P{index:02d}" for index in range(1, COUNT + 1)]
    expected = titles[start:] + titles[:start]

    pages = walk(Proposal.objects.filter(collection=collection), seed_at(start * STEP + 1))

    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, COUNT - 2 * PAGE_SIZE]
    assert [title for page in pages for title in page] == expected


def test_a_short_list_wraps_within_the_first_page(collection):
    keyed(collection, count=5)

    pages = walk(Proposal.objects.filter(collection=collection), seed_at(3 * STEP + 1))

    assert pages == [["P04", "P05", "P01", "P02", "P03"]]


def test_filters_still_apply_on_both_laps(collection):
    verkehr = topic("Verkehr")
    keyed(collection)
    Proposal.objects.filter(
        collection=collection,
        shuffle_key__in=[index * STEP for index in range(1, COUNT + 1) if index % 2],
    ).update(category=verkehr)
    other = make_collection(collection.page.get_parent(), page=collection.page)
    keyed(other, count=5)
    odd = [f"P{index:02d}" for index in range(1, COUNT + 1) if index % 2]

    pages = walk(
        Proposal.objects.filter(collection=collection, category=verkehr), seed_at(20 * STEP)
    )

    seen = [title for page in pages for title in page]
    assert sorted(seen) == odd
    assert seen[0] == "P21"
    assert len(seen) == len(set(seen))


def test_random_pages_through_the_view_with_a_filter(client, project_index):
    verkehr, kultur = topic("Verkehr"), topic("Kultur")
    collection = make_collection(project_index, topics=[verkehr, kultur])
    author = UserFactory()
    for index in range(COUNT):
        category = verkehr if index % 3 else kultur
        make_proposal(collection, author=author, title=f"V{index:02d}", category=category)
    url = reverse("ideen:collection", args=(collection.pk,))
    client.get(url)
    session = client.session
    session[SEED_SESSION_KEY] = "8" + "0" * 15
    session.save()

    seen, response = [], client.get(url, {"kategorie": verkehr.slug})
    while True:
        body = response.content.decode()
        seen += re.findall(r'<h3><a href="/ideen/vorschlag/\d+/">([^<]+)</a></h3>', body)
        match = re.search(r'<a href="(\?[^"]+)" rel="next">', body)
        if not match:
            break
        response = client.get(url + match.group(1).replace("&amp;", "&"))

    assert sorted(seen) == [f"V{index:02d}" for index in range(COUNT) if index % 3]


@pytest.mark.parametrize(
    "cursor", ["1_99999999999999999999999~3", "2_5~1", "0_x~1", "kaputt", "0_5~"]
)
def test_a_forged_random_cursor_shows_a_page(client, collection, cursor):
    keyed(collection, count=3)

    response = client.get(reverse("ideen:collection", args=(collection.pk,)), {"nach": cursor})

    assert response.status_code == 200


def test_each_new_proposal_draws_its_own_key(collection):
    keys = {make_proposal(collection).shuffle_key for _ in range(20)}

    assert len(keys) == 20
    assert all(0 <= key < 2**62 for key in keys)
