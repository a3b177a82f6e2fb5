"""Search request bodies: what a viewer may see, the filters, scoring, facets."""

from search.backends.base import SearchQuery, Viewer

from .mapping import NGRAM_MIN

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


def term_clause(term: str, fuzzy: bool) -> dict:
    should = [
        {
            "multi_match": {
                "query": term,
                "fields": TEXT_FIELDS,
                **({"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}),
            }
        },
    ]
    if len(term) >= NGRAM_MIN:
        should.append({"match_bool_prefix": {"title.folded": {"query": term, "boost": 1.5}}})
        should.append({"multi_match": {"query": term, "fields": NGRAM_FIELDS}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def phrase_clause(words: list[str]) -> dict:
    return {"multi_match": {"query": " ".join(words), "type": "phrase", "fields": TEXT_FIELDS}}


def search_body(query: SearchQuery, fuzzy: bool = False) -> dict:
    """The request body for one search; tests compare it without a server."""
    parsed = query.parsed
    must = [term_clause(term, fuzzy) for term in parsed.terms]
    must += [phrase_clause(phrase) for phrase in parsed.phrases]
    must_not = [{"multi_match": {"query": word, "fields": TEXT_FIELDS}} for word in parsed.excluded]
    must_not += [phrase_clause(phrase) for phrase in parsed.excluded_phrases]
    body = {
        "query": {"bool": {"must": must, "must_not": must_not, "filter": filter_clauses(query)}},
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
    return body
