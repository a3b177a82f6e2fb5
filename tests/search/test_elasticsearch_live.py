"""Zero-downtime rebuilds against a live Elasticsearch (runs when ELASTICSEARCH_URL is set).

The German matching cases in test_german_matching.py run against it too.
"""

import os
import uuid

import pytest

from search.backends import _backend
from search.backends.base import SearchQuery
from search.text import parse_query
from tests.search.conftest import make_document

pytestmark = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="needs a live Elasticsearch at ELASTICSEARCH_URL",
)


@pytest.fixture
def elasticsearch(settings, db):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    settings.PORTAL_ELASTICSEARCH_INDEX = f"portal-test-{uuid.uuid4().hex[:12]}"
    _backend.cache_clear()
    from search.backends import get_backend

    backend = get_backend()
    yield backend
    backend.client.indices.delete(
        index=f"{settings.PORTAL_ELASTICSEARCH_INDEX}*", ignore_unavailable=True
    )
    _backend.cache_clear()


def test_rebuild_swaps_the_alias_atomically(elasticsearch):
    elasticsearch.upsert([make_document("Alter Radweg")])
    old_indices = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias))

    count = elasticsearch.rebuild(iter([[make_document("Neuer Radweg")]]))

    assert count == 1
    new_indices = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias))
    assert new_indices.isdisjoint(old_indices)
    titles = [h.title for h in elasticsearch.search(SearchQuery(parsed=parse_query("Radweg"))).hits]
    assert titles == ["Neuer Radweg"]
    assert not any(elasticsearch.client.indices.exists(index=index) for index in old_indices)


def test_fingerprints_for_search_check(elasticsearch):
    document = make_document("Spielplatz")
    elasticsearch.upsert([document])
    assert list(elasticsearch.indexed_fingerprints()) == [document.key]


def titles(backend, raw):
    return [hit.title for hit in backend.search(SearchQuery(parsed=parse_query(raw))).hits]


@pytest.mark.parametrize(
    ("raw", "title"),
    [("Städte", "Die Stadt"), ("Gaerten", "Gärten am Fluss"), ("Höfe", "Der Hof")],
)
def test_the_stemmer_sees_umlauts_before_they_are_folded(elasticsearch, raw, title):
    elasticsearch.upsert(
        [make_document("Die Stadt"), make_document("Gärten am Fluss"), make_document("Der Hof")]
    )
    assert titles(elasticsearch, raw) == [title]


def test_partial_matches_follow_full_ones_with_their_missing_words(elasticsearch):
    elasticsearch.upsert(
        [
            make_document("Radweg Lobeda Markt"),
            make_document("Radweg nach Lobeda"),
            make_document("Theater und Musik"),
        ]
    )
    results = elasticsearch.search(SearchQuery(parsed=parse_query("Radweg Lobeda Markt")))
    assert results.partial
    assert [hit.title for hit in results.hits] == ["Radweg Lobeda Markt", "Radweg nach Lobeda"]
    assert [hit.missing_words for hit in results.hits] == [[], ["markt"]]


def test_a_known_word_is_never_corrected(elasticsearch):
    elasticsearch.upsert([make_document("Winzerla"), make_document("Winzerle")])
    results = elasticsearch.search(SearchQuery(parsed=parse_query("Winzerle")))
    assert [hit.title for hit in results.hits] == ["Winzerle"]
    assert results.corrections == {}


def test_a_typo_is_corrected_and_said_so(elasticsearch):
    elasticsearch.upsert([make_document("Spielplätze", "Die Spielplätze in Winzerla sind alt.")])
    results = elasticsearch.search(SearchQuery(parsed=parse_query("Spielplatz Winzrela")))
    assert [hit.title for hit in results.hits] == ["Spielplätze"]
    assert results.corrections == {"winzrela": "Winzerla"}
    assert results.corrections_applied
