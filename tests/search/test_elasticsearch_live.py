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
