"""The Elasticsearch mapping and query bodies, checked without a server."""

import datetime
import json

import pytest

from search.backends.base import Filters, SearchQuery, Viewer
from search.backends.elasticsearch import index_definition, search_body
from search.backends.elasticsearch.mapping import document_source
from search.backends.elasticsearch.query import FOLDED_FIELDS, GROUP_WEIGHT
from search.documents import SearchDocument
from search.indexing import fingerprint
from search.text import parse_query


@pytest.fixture
def mapping():
    return index_definition("portal-search-test").to_dict()


def test_german_analyzer_stems_before_it_folds(mapping):
    """Like search.analysis: the stemmer sees the umlauts (Städte -> stadt), then folding."""
    analyzers = mapping["settings"]["analysis"]["analyzer"]
    chain = analyzers["portal_german"]["filter"]
    assert chain == [
        "lowercase",
        "portal_german_stop",
        "portal_german_stemmer",
        "german_normalization",
        "asciifolding",
    ]
    assert chain.index("portal_german_stemmer") < chain.index("german_normalization")
    filters = mapping["settings"]["analysis"]["filter"]
    assert filters["portal_german_stemmer"] == {"type": "stemmer", "language": "german"}
    assert filters["portal_german_stop"] == {"type": "stop", "stopwords": "_german_"}
    # The folded analyzer never stems: surface forms, prefixes and spelling.
    assert not any("stem" in name for name in analyzers["portal_folded"]["filter"])


def test_text_fields_have_folded_and_compound_subfields(mapping):
    properties = mapping["mappings"]["properties"]
    title = properties["title"]
    assert title["analyzer"] == "portal_german"
    assert title["fields"]["folded"]["analyzer"] == "portal_folded"
    assert title["fields"]["ngram"]["analyzer"] == "portal_ngram"
    assert title["fields"]["ngram"]["search_analyzer"] == "portal_ngram_query"
    assert mapping["settings"]["max_ngram_diff"] >= 4


def test_every_text_feeds_the_folded_spelling_field(mapping):
    properties = mapping["mappings"]["properties"]
    for name in ("title", "subtitle", "body"):
        assert properties[name]["copy_to"] == "spelling"
    assert "copy_to" not in properties["project_title"]
    assert properties["spelling"]["analyzer"] == "portal_folded"


def test_facet_fields_are_keywords_or_numbers(mapping):
    properties = mapping["mappings"]["properties"]
    assert properties["kind"]["type"] == "keyword"
    assert properties["topic_ids"]["type"] == "integer"
    assert properties["published_at"]["type"] == "date"


def body_for(raw, **kwargs):
    return search_body(SearchQuery(parsed=parse_query(raw), **kwargs))


TEXT_FIELDS = ["title^3", "subtitle^2", "body", "author"]


def groups_of(body):
    return body["query"]["bool"]["should"]


def words_in(clause) -> list[str]:
    """The words a group's clause searches the stemmed fields for."""
    return [
        part["multi_match"]["query"]
        for part in clause["bool"]["should"]
        if "multi_match" in part and part["multi_match"]["fields"] == TEXT_FIELDS
    ]


def test_each_group_is_a_named_clause_and_a_full_match_needs_all():
    body = body_for("Radweg Spielplatz Lobeda")
    query = body["query"]["bool"]
    assert [clause["bool"]["_name"] for clause in query["should"]] == [
        "group-0",
        "group-1",
        "group-2",
    ]
    assert [words_in(clause) for clause in query["should"]] == [
        ["radweg"],
        ["spielplatz"],
        ["lobeda"],
    ]
    assert query["minimum_should_match"] == 3
    assert query["must"] == []
    radweg = query["should"][0]["bool"]
    assert radweg["minimum_should_match"] == 1
    assert {"match_bool_prefix": {"title.folded": {"query": "radweg", "boost": 1.5}}} in radweg[
        "should"
    ]
    assert {
        "multi_match": {
            "query": "radweg",
            "fields": ["title.ngram^0.6", "subtitle.ngram^0.4", "body.ngram^0.2"],
        }
    } in radweg["should"]


def test_or_joins_words_in_one_group():
    body = body_for("Radweg oder Fußweg Lobeda")
    assert [words_in(clause) for clause in groups_of(body)] == [["radweg", "fußweg"], ["lobeda"]]
    assert body["query"]["bool"]["minimum_should_match"] == 2


@pytest.mark.parametrize(
    ("raw", "full", "partial"),
    [
        ("a1 b2", 2, 1),
        ("Radweg Lobeda Markt", 3, 2),
        ("a1 b2 c3 d4", 4, 2),
        ("a1 b2 c3 d4 e5", 5, 3),
    ],
)
def test_partial_matches_need_half_of_the_groups_rounded_up(raw, full, partial):
    query = SearchQuery(parsed=parse_query(raw))
    assert search_body(query)["query"]["bool"]["minimum_should_match"] == full
    assert search_body(query, partial=True)["query"]["bool"]["minimum_should_match"] == partial


def test_partial_matches_rank_by_groups_matched_then_by_score():
    full = groups_of(body_for("Radweg Lobeda"))
    partial = groups_of(search_body(SearchQuery(parsed=parse_query("Radweg Lobeda")), partial=True))
    for named, counted in zip(full, partial, strict=True):
        fixed, scored = counted["bool"]["should"]
        assert counted["bool"]["minimum_should_match"] == 1
        assert fixed["constant_score"]["boost"] == GROUP_WEIGHT
        # The same clause, once unnamed for the count, once named for matched_queries.
        assert fixed["constant_score"]["filter"]["bool"]["should"] == named["bool"]["should"]
        assert "_name" not in fixed["constant_score"]["filter"]["bool"]
        assert scored == named


def test_question_words_are_left_out_of_the_body():
    body = body_for(
        "Wann wird der Radweg in Lobeda gebaut?",
    )
    text = json.dumps(body)
    assert "wann" not in text
    assert [words_in(clause) for clause in groups_of(body)] == [["radweg"], ["lobeda"], ["gebaut"]]
    assert "wann" not in json.dumps(
        search_body(SearchQuery(parsed=parse_query("Wann Radweg")), suggest=True)
    )


def test_not_and_minus_exclude_and_phrases_must_match_in_order():
    body = body_for('Spielplatz NOT Lobeda "am Markt" -Auto')
    query = body["query"]["bool"]
    assert [words_in(clause) for clause in query["should"]] == [["spielplatz"]]
    assert query["minimum_should_match"] == 1
    # "am" is a stop word: the phrase is matched on the folded fields, which keep it.
    assert query["must"] == [
        {"multi_match": {"query": "am markt", "type": "phrase", "fields": FOLDED_FIELDS}}
    ]
    assert query["must_not"] == [
        {"multi_match": {"query": "lobeda", "fields": TEXT_FIELDS}},
        {"multi_match": {"query": "auto", "fields": TEXT_FIELDS}},
    ]


def test_a_phrase_without_stop_words_matches_word_forms():
    query = body_for('"Radwege Innenstadt"')["query"]["bool"]
    assert query["must"] == [
        {"multi_match": {"query": "radwege innenstadt", "type": "phrase", "fields": TEXT_FIELDS}}
    ]


def test_a_phrase_alone_needs_no_group():
    query = body_for('"am Markt"')["query"]["bool"]
    assert "should" not in query
    assert "minimum_should_match" not in query
    assert len(query["must"]) == 1


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


def test_the_term_suggester_checks_every_word_on_the_spelling_field():
    query = SearchQuery(parsed=parse_query("Radweg oder Fusweg Winzrela"))
    assert "suggest" not in search_body(query)
    suggest = search_body(query, suggest=True)["suggest"]
    assert {name: entry["text"] for name, entry in suggest.items()} == {
        "word-0-0": "radweg",
        "word-0-1": "fusweg",
        "word-1-0": "winzrela",
    }
    term = suggest["word-1-0"]["term"]
    assert term["field"] == "spelling"
    assert term["suggest_mode"] == "missing"  # a known word gets no options
    assert term["max_edits"] == 2


def test_no_suggester_without_words():
    body = search_body(SearchQuery(parsed=parse_query('"am Markt"')), suggest=True)
    assert "suggest" not in body


def fuzziness(clause) -> list:
    return [
        part["multi_match"].get("fuzziness")
        for part in clause["bool"]["should"]
        if "multi_match" in part and part["multi_match"]["fields"] == TEXT_FIELDS
    ]


def test_only_unknown_words_match_with_typos():
    query = SearchQuery(parsed=parse_query("Spielplatz oder Winzrela Lobeda"))
    assert [fuzziness(clause) for clause in groups_of(search_body(query))] == [[None, None], [None]]
    for partial in (False, True):
        body = search_body(query, fuzzy_words=frozenset({"winzrela"}), partial=partial)
        clauses = [c["bool"]["should"][1] if partial else c for c in groups_of(body)]
        assert [fuzziness(clause) for clause in clauses] == [[None, "AUTO"], [None]]


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
