"""The Elasticsearch mapping and query bodies, checked without a server."""

import datetime

import pytest

from search.backends.base import Filters, SearchQuery, Viewer
from search.backends.elasticsearch import index_definition, search_body
from search.backends.elasticsearch.mapping import document_source
from search.documents import SearchDocument
from search.indexing import fingerprint
from search.text import parse_query


@pytest.fixture
def mapping():
    return index_definition("portal-search-test").to_dict()


def test_german_analyzer_normalises_stems_and_folds(mapping):
    analyzers = mapping["settings"]["analysis"]["analyzer"]
    assert analyzers["portal_german"]["filter"] == [
        "lowercase",
        "portal_german_stop",
        "german_normalization",
        "portal_light_german",
        "asciifolding",
    ]
    filters = mapping["settings"]["analysis"]["filter"]
    assert filters["portal_light_german"] == {"type": "stemmer", "language": "light_german"}
    assert filters["portal_german_stop"] == {"type": "stop", "stopwords": "_german_"}


def test_text_fields_have_folded_and_compound_subfields(mapping):
    title = mapping["mappings"]["properties"]["title"]
    assert title["analyzer"] == "portal_german"
    assert title["fields"]["folded"]["analyzer"] == "portal_folded"
    assert title["fields"]["ngram"]["analyzer"] == "portal_ngram"
    assert title["fields"]["ngram"]["search_analyzer"] == "portal_ngram_query"
    assert mapping["settings"]["max_ngram_diff"] >= 4


def test_facet_fields_are_keywords_or_numbers(mapping):
    properties = mapping["mappings"]["properties"]
    assert properties["kind"]["type"] == "keyword"
    assert properties["topic_ids"]["type"] == "integer"
    assert properties["published_at"]["type"] == "date"


def body_for(raw, **kwargs):
    return search_body(SearchQuery(parsed=parse_query(raw), **kwargs))


def test_words_must_match_phrases_in_order_and_minus_excludes():
    body = body_for('Radweg "am Markt" -Auto')
    query = body["query"]["bool"]
    term, phrase = query["must"]
    assert term["bool"]["should"][0]["multi_match"]["query"] == "radweg"
    assert {"match_bool_prefix": {"title.folded": {"query": "radweg", "boost": 1.5}}} in term[
        "bool"
    ]["should"]
    assert phrase == {
        "multi_match": {
            "query": "am markt",
            "type": "phrase",
            "fields": ["title^3", "subtitle^2", "body", "author"],
        }
    }
    assert query["must_not"] == [
        {
            "multi_match": {
                "query": "auto",
                "fields": ["title^3", "subtitle^2", "body", "author"],
            }
        }
    ]


def test_anonymous_visitors_only_see_public_documents():
    (visibility,) = body_for("Radweg")["query"]["bool"]["filter"]
    assert visibility == {
        "bool": {"should": [{"term": {"audience": "public"}}], "minimum_should_match": 1}
    }


def test_group_members_see_their_groups():
    (visibility,) = body_for("Radweg", viewer=Viewer(authenticated=True, group_ids=[7]))["query"][
        "bool"
    ]["filter"]
    assert {
        "bool": {"filter": [{"term": {"audience": "groups"}}, {"terms": {"group_ids": [7]}}]}
    } in visibility["bool"]["should"]


def test_filters_sorting_paging_highlighting_and_facets():
    body = body_for(
        "Radweg",
        filters=Filters(kinds=["comment"], department_ids=[1, 2], topic_id=5, year=2026),
        page=3,
        page_size=10,
    )
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"kind": ["comment"]}} in filters
    assert {"terms": {"department_id": [1, 2]}} in filters
    assert {"term": {"topic_ids": 5}} in filters
    assert {"term": {"year": 2026}} in filters
    assert body["sort"] == [{"_score": "desc"}, {"published_at": "desc"}, {"key": "asc"}]
    assert (body["from"], body["size"]) == (20, 10)
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert set(body["aggs"]) == {
        "kind",
        "project",
        "department",
        "district",
        "topic",
        "year",
        "state",
    }


def test_typo_fallback_adds_fuzziness():
    plain = body_for("Winzrela")["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    fuzzy = search_body(SearchQuery(parsed=parse_query("Winzrela")), fuzzy=True)
    assert "fuzziness" not in plain
    assert (
        fuzzy["query"]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]["fuzziness"] == "AUTO"
    )


def test_searches_stay_within_the_viewers_site_and_the_aggregations_follow(mapping):
    """Issue 11, item 5: the site is a filter, so hits, totals and facets follow it."""
    assert mapping["mappings"]["properties"]["page_path"]["type"] == "keyword"
    for viewer in (
        Viewer(site_root_path="00010002"),
        Viewer(authenticated=True, superuser=True, site_root_path="00010002"),
    ):
        body = body_for("Radweg", viewer=viewer)
        (visibility,) = body["query"]["bool"]["filter"]
        assert visibility["bool"]["filter"] == [{"prefix": {"page_path": "00010002"}}]
        assert "aggs" in body  # counted under the same filter, never beside it


def test_the_state_is_a_keyword_filter_and_facet(mapping):
    assert mapping["mappings"]["properties"]["state"]["type"] == "keyword"
    body = body_for("Radweg", filters=Filters(kinds=["proposal"], state="umsetzbar"))
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"state": "umsetzbar"}} in filters
    assert {"terms": {"kind": ["proposal"]}} in filters
    assert body["aggs"]["state"] == {"terms": {"field": "state", "size": 20}}


def test_documents_without_a_state_leave_the_field_out_of_the_facet():
    common = {
        "kind": "proposal",
        "title": "Radweg",
        "url": "/ideen/vorschlag/1/",
        "published_at": datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
    }
    proposal = document_source(SearchDocument(key="proposal:1", state="umsetzbar", **common))
    page = document_source(SearchDocument(key="page:1", **{**common, "kind": "page"}))

    assert proposal["state"] == "umsetzbar"
    assert proposal["kind"] == "proposal"
    assert page["state"] is None


def test_the_state_changes_a_fingerprint_only_where_documents_have_one():
    common = {
        "key": "proposal:1",
        "kind": "proposal",
        "title": "Radweg",
        "url": "/ideen/vorschlag/1/",
        "published_at": datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
    }
    without = SearchDocument(**common)

    assert fingerprint(without) == fingerprint(SearchDocument(**common, state=""))
    assert fingerprint(without) != fingerprint(SearchDocument(**common, state="umsetzbar"))
    assert fingerprint(SearchDocument(**common, state="umsetzbar")) != fingerprint(
        SearchDocument(**common, state="umgesetzt")
    )
