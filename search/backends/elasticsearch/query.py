"""Search request bodies: what a viewer may see, the filters, scoring, facets."""

import math

from search.analysis import phrase_pattern
from search.backends.base import SearchQuery, Viewer

from .mapping import NGRAM_MIN, SPELLING_FIELD

FACET_VALUES = 20


def visibility_filter(viewer: Viewer) -> dict | None:
    """What ``viewer`` may see: their site, then their audiences (None: everything)."""
    site = (
        [{"prefix": {"page_path": viewer.site_root_path}}]
        if viewer.site_root_path is not None
        else []
    )
    if viewer.superuser:
        return {"bool": {"filter": site}} if site else None
    allowed = [{"term": {"audience": "public"}}]
    if viewer.authenticated:
        allowed.append({"term": {"audience": "login"}})
        if viewer.group_ids:
            allowed.append(
                {
                    "bool": {
                        "filter": [
                            {"term": {"audience": "groups"}},
                            {"terms": {"group_ids": list(viewer.group_ids)}},
                        ]
                    }
                }
            )
    visible = {"should": allowed, "minimum_should_match": 1}
    return {"bool": {"filter": site, **visible}} if site else {"bool": visible}


def filter_clauses(query: SearchQuery) -> list[dict]:
    filters = query.filters
    clauses = []
    visibility = visibility_filter(query.viewer)
    if visibility:
        clauses.append(visibility)
    if filters.kinds:
        clauses.append({"terms": {"kind": list(filters.kinds)}})
    if filters.project_id is not None:
        clauses.append({"term": {"project_id": filters.project_id}})
    if filters.department_ids:
        clauses.append({"terms": {"department_id": list(filters.department_ids)}})
    if filters.district_id is not None:
        clauses.append({"term": {"district_id": filters.district_id}})
    if filters.topic_id is not None:
        clauses.append({"term": {"topic_ids": filters.topic_id}})
    if filters.year is not None:
        clauses.append({"term": {"year": filters.year}})
    if filters.state:
        clauses.append({"term": {"state": filters.state}})
    return clauses


TEXT_FIELDS = ["title^3", "subtitle^2", "body", "author"]
NGRAM_FIELDS = ["title.ngram^0.6", "subtitle.ngram^0.4", "body.ngram^0.2"]
# In a partial search each group a document matches adds this much, far more
# than any text score: documents with more of the words come first, and among
# those with as many, the rarer words (higher BM25) first.
GROUP_WEIGHT = 1000.0
# The term suggester: words this long or longer, corrected within two edits.
SUGGEST_MIN_LENGTH = 4
SUGGEST_OPTIONS = 3


def group_name(index: int) -> str:
    """The ``_name`` of a group's clause: hits list it in ``matched_queries``."""
    return f"group-{index}"


def suggestion_name(group: int, position: int) -> str:
    """The name of the term suggestion for a group's word."""
    return f"word-{group}-{position}"


def word_clauses(word: str, fuzzy: bool) -> list[dict]:
    """The ways one word matches: its stem, a title being typed, inside compounds."""
    clauses = [
        {
            "multi_match": {
                "query": word,
                "fields": TEXT_FIELDS,
                **({"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}),
            }
        },
    ]
    if len(word) >= NGRAM_MIN:
        clauses.append({"match_bool_prefix": {"title.folded": {"query": word, "boost": 1.5}}})
        clauses.append({"multi_match": {"query": word, "fields": NGRAM_FIELDS}})
    return clauses


def group_clause(index: int, words: list[str], fuzzy_words=frozenset()) -> dict:
    """One group of the query: any of its words (joined by OR), named ``group-<index>``.

    Only the words in ``fuzzy_words`` (those nobody wrote) match with typos.
    """
    should = [clause for word in words for clause in word_clauses(word, word in fuzzy_words)]
    return {"bool": {"should": should, "minimum_should_match": 1, "_name": group_name(index)}}


def counted(clause: dict) -> dict:
    """A group's clause in a partial search: GROUP_WEIGHT when it matches, plus its score."""
    unnamed = {"bool": {k: v for k, v in clause["bool"].items() if k != "_name"}}
    return {
        "bool": {
            "should": [{"constant_score": {"filter": unnamed, "boost": GROUP_WEIGHT}}, clause],
            "minimum_should_match": 1,
        }
    }


# The folded sub-fields keep stop words: a phrase with one ("Platz für Kinder")
# must not match "Platz mit Kindern", as the stemmed fields (stop words removed,
# gaps kept) would. The price is exact word forms for such phrases.
FOLDED_FIELDS = ["title.folded^3", "subtitle.folded^2", "body.folded"]


def phrase_clause(words: list[str]) -> dict:
    fields = FOLDED_FIELDS if phrase_pattern(words) else TEXT_FIELDS
    return {"multi_match": {"query": " ".join(words), "type": "phrase", "fields": fields}}


def required_groups(count: int, partial: bool) -> int:
    """Groups a document must match: all of them, or at least half for a partial match."""
    return math.ceil(count / 2) if partial else count


def suggest_section(query: SearchQuery) -> dict:
    """A term suggestion for each word of each group, from the folded words of all texts.

    ``suggest_mode`` "missing": only a word nobody wrote gets options, so a
    known word is never replaced.
    """
    return {
        suggestion_name(group, position): {
            "text": word,
            "term": {
                "field": SPELLING_FIELD,
                "suggest_mode": "missing",
                "min_word_length": SUGGEST_MIN_LENGTH,
                "prefix_length": 1,
                "max_edits": 2,
                "size": SUGGEST_OPTIONS,
                "sort": "score",
            },
        }
        for group, words in enumerate(query.parsed.groups)
        for position, word in enumerate(words)
    }


def known_words_body(query: SearchQuery, words: list[str]) -> dict:
    """How many documents the viewer may see match each word, as the search would match it.

    The term suggester knows the words as written; this asks whether an
    inflected form ("Spielplatz" for "Spielplätze"), a prefix or a part
    of a compound matches: then the word is not a typo.
    """
    visibility = visibility_filter(query.viewer)
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"filter": [visibility] if visibility else []}},
        "aggs": {
            "known": {
                "filters": {
                    "filters": {
                        known_word_name(index): {
                            "bool": {"should": word_clauses(word, False), "minimum_should_match": 1}
                        }
                        for index, word in enumerate(words)
                    }
                }
            }
        },
    }


def known_word_name(index: int) -> str:
    return f"word-{index}"


def search_body(
    query: SearchQuery,
    *,
    partial: bool = False,
    fuzzy_words: frozenset[str] = frozenset(),
    suggest: bool = False,
) -> dict:
    """The request body for one search; tests compare it without a server.

    One ``bool``: a named ``should`` clause per group, all of them required
    (``partial``: at least half, ranked by how many match), phrases in
    ``must``, exclusions in ``must_not``, visibility and filters in
    ``filter``. ``fuzzy_words`` match with typos; ``suggest`` asks the term
    suggester which words are unknown.
    """
    parsed = query.parsed
    groups = [group_clause(i, words, fuzzy_words) for i, words in enumerate(parsed.groups)]
    if partial:
        groups = [counted(clause) for clause in groups]
    must_not = [{"multi_match": {"query": word, "fields": TEXT_FIELDS}} for word in parsed.excluded]
    must_not += [phrase_clause(phrase) for phrase in parsed.excluded_phrases]
    boolean = {
        "must": [phrase_clause(phrase) for phrase in parsed.phrases],
        "must_not": must_not,
        "filter": filter_clauses(query),
    }
    if groups:
        boolean["should"] = groups
        boolean["minimum_should_match"] = required_groups(len(groups), partial)
    body = {
        "query": {"bool": boolean},
        "sort": [{"_score": "desc"}, {"published_at": "desc"}, {"key": "asc"}],
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {"fragment_size": 220, "number_of_fragments": 1},
                "subtitle": {"fragment_size": 220, "number_of_fragments": 1},
            },
        },
    }
    if query.with_facets:
        body["aggs"] = {
            "kind": {"terms": {"field": "kind", "size": FACET_VALUES}},
            "project": {"terms": {"field": "project_id", "size": FACET_VALUES}},
            "department": {"terms": {"field": "department_id", "size": FACET_VALUES}},
            "district": {"terms": {"field": "district_id", "size": FACET_VALUES}},
            "topic": {"terms": {"field": "topic_ids", "size": FACET_VALUES}},
            "year": {"terms": {"field": "year", "size": FACET_VALUES}},
            "state": {"terms": {"field": "state", "size": FACET_VALUES}},
        }
    if suggest and parsed.groups:
        body["suggest"] = suggest_section(query)
    return body
