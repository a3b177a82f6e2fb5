"""Facet counts are exact and filters narrow the hits, on every backend."""

from search.backends.base import Filters, SearchQuery, Viewer
from search.documents import Audience
from search.text import parse_query
from tests.search.conftest import make_document


def facet_counts(results, name):
    return {value.value: value.count for value in results.facets[name]}


def test_counts_per_facet_and_filters(backend, indexed):
    indexed(
        make_document("Baum A", kind="comment", project_id=1, department_id=7, topic_ids=[1, 2]),
        make_document("Baum B", kind="comment", project_id=1, district_id=3, topic_ids=[2]),
        make_document("Baum C", kind="poll", project_id=2, department_id=7, district_id=3),
        make_document("Baum D", kind="answer", days_ago=400, topic_ids=[1]),
        make_document("Baum intern", kind="comment", audience=Audience.LOGIN, topic_ids=[1]),
        make_document("Strauch", kind="comment", topic_ids=[1]),
    )
    results = backend.search(SearchQuery(parsed=parse_query("Baum")))

    assert results.total == 4
    assert facet_counts(results, "kind") == {"comment": 2, "poll": 1, "answer": 1}
    assert facet_counts(results, "project") == {"1": 2, "2": 1}
    assert facet_counts(results, "department") == {"7": 2}
    assert facet_counts(results, "district") == {"3": 2}
    assert facet_counts(results, "topic") == {"1": 2, "2": 2}
    assert sum(facet_counts(results, "year").values()) == 4

    def titles(**filters):
        query = SearchQuery(parsed=parse_query("Baum"), filters=Filters(**filters))
        return sorted(hit.title for hit in backend.search(query).hits)

    assert titles(kinds=["comment"]) == ["Baum A", "Baum B"]
    assert titles(topic_id=2) == ["Baum A", "Baum B"]
    assert titles(department_ids=[7], district_id=3) == ["Baum C"]
    assert titles(project_id=2) == ["Baum C"]

    signed_in = backend.search(
        SearchQuery(parsed=parse_query("Baum"), viewer=Viewer(authenticated=True))
    )
    assert signed_in.total == 5
