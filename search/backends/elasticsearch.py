"""Elasticsearch 8 backend, through elasticsearch-dsl (``elasticsearch.dsl``).

* Analysis: ``portal_german`` lower-cases, drops German stop words,
  normalises umlauts and ß (``german_normalization``: Bürger, Buerger ->
  burger), stems lightly (``light_german``) and folds other accents. A
  ``folded`` sub-field (no stemming) serves prefixes, an ``ngram`` sub-field
  finds words inside compounds (Radweg in Fahrradwegenetz).
* Zero-downtime rebuilds: searches and updates go through the alias
  ``PORTAL_ELASTICSEARCH_INDEX``; a rebuild fills a new index, then moves
  the alias in one atomic ``update_aliases`` call (updates arriving during
  the rebuild wait in the outbox, see ``search.indexing``).
* Highlighting and facet aggregations come from Elasticsearch itself.
* Outages (no answer, a timeout, 429 or 5xx) raise ``SearchUnavailable``;
  a document Elasticsearch rejects keeps its own error.
"""

from collections.abc import Iterable
from contextlib import contextmanager, suppress
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from search.backends.base import (
    IndexWriter,
    RebuildSession,
    SearchBackend,
    SearchQuery,
    SearchUnavailable,
    Suggestion,
    Viewer,
)
from search.documents import FacetValue, Hit, SearchDocument, SearchResults
from search.indexing import fingerprint
from search.outages import is_outage

FACET_VALUES = 20
NGRAM_MIN, NGRAM_MAX = 4, 8

german_stop = token_filter("portal_german_stop", "stop", stopwords="_german_")
light_german = token_filter("portal_light_german", "stemmer", language="light_german")
compound_ngram = token_filter(
    "portal_compound_ngram", "ngram", min_gram=NGRAM_MIN, max_gram=NGRAM_MAX
)
query_truncate = token_filter("portal_ngram_truncate", "truncate", length=NGRAM_MAX)

portal_german = analyzer(
    "portal_german",
    tokenizer="standard",
    filter=["lowercase", german_stop, "german_normalization", light_german, "asciifolding"],
)
portal_folded = analyzer(
    "portal_folded",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding"],
)
portal_ngram = analyzer(
    "portal_ngram",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding", compound_ngram],
)
portal_ngram_query = analyzer(
    "portal_ngram_query",
    tokenizer="standard",
    filter=["lowercase", "german_normalization", "asciifolding", query_truncate],
)


def german_text(ngram=True):
    fields = {"folded": Text(analyzer=portal_folded)}
    if ngram:
        fields["ngram"] = Text(analyzer=portal_ngram, search_analyzer=portal_ngram_query)
    return Text(analyzer=portal_german, fields=fields)


class EntryDocument(Document):
    key = Keyword()
    kind = Keyword()
    title = german_text()
    subtitle = german_text()
    body = german_text()
    author = Text(analyzer=portal_folded)
    url = Keyword(index=False)
    project_id = Integer()
    project_title = Text(analyzer=portal_german)
    department_id = Integer()
    district_id = Integer()
    topic_ids = Integer(multi=True)
    year = Integer()
    published_at = Date()
    audience = Keyword()
    group_ids = Integer(multi=True)
    page_path = Keyword()
    fingerprint = Keyword(index=False)


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=NGRAM_MAX - NGRAM_MIN)
    index.document(EntryDocument)
    return index


def document_source(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "kind": document.kind,
        "title": document.title,
        "subtitle": document.subtitle,
        "body": document.body,
        "author": document.author,
        "url": document.url,
        "project_id": document.project_id,
        "project_title": document.project_title,
        "department_id": document.department_id,
        "district_id": document.district_id,
        "topic_ids": sorted(document.topic_ids),
        "year": document.year,
        "published_at": document.published_at.isoformat(),
        "audience": document.audience,
        "group_ids": sorted(document.group_ids),
        "page_path": document.page_path,
        "fingerprint": fingerprint(document),
    }


def index_actions(index: str, documents: Iterable[SearchDocument]):
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": document.key,
            "_source": document_source(document),
        }


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
        }
    return body


@contextmanager
def outage_guarded():
    try:
        yield
    except SearchUnavailable:
        raise
    except Exception as error:
        if is_outage(error):
            raise SearchUnavailable(f"{type(error).__name__}: {error}") from error
        raise


class IndexNameWriter(IndexWriter):
    """Writes into the index a rebuild is filling, by its own name."""

    def __init__(self, client, index: str):
        self.client, self.index = client, index

    def upsert(self, documents: list[SearchDocument]) -> None:
        with outage_guarded():
            helpers.bulk(self.client, index_actions(self.index, documents))

    def delete(self, keys: list[str]) -> None:
        actions = [{"_op_type": "delete", "_index": self.index, "_id": key} for key in keys]
        with outage_guarded():
            helpers.bulk(self.client, actions, raise_on_error=False)


class ElasticsearchSearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str | None = None, alias: str | None = None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or settings.PORTAL_ELASTICSEARCH_INDEX
        self.client = Elasticsearch(
            self.url, request_timeout=10, retry_on_timeout=False, max_retries=1
        )
        # Searches wait less than writes: a visitor gets the 503 quickly.
        self.reader = self.client.options(
            request_timeout=getattr(settings, "PORTAL_SEARCH_TIMEOUT_SECONDS", 3)
        )

    # Writing

    def ensure_index(self, client=None) -> None:
        if not (client or self.client).indices.exists_alias(name=self.alias):
            name = self.new_index_name()
            index_definition(name).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)

    def new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def upsert(self, documents: list[SearchDocument]) -> None:
        with outage_guarded():
            self.ensure_index()
            helpers.bulk(self.client, index_actions(self.alias, documents), refresh="wait_for")

    def delete(self, keys: list[str]) -> None:
        with outage_guarded():
            self.ensure_index()
            actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
            helpers.bulk(self.client, actions, refresh="wait_for", raise_on_error=False)

    def ping(self) -> None:
        with outage_guarded():
            self.reader.cluster.health()

    def rebuild(
        self, batches: Iterable[list[SearchDocument]], session: RebuildSession | None = None
    ) -> int:
        session = session or RebuildSession()
        name = self.new_index_name()
        session.staging(name)
        index_definition(name).create(using=self.client)
        count = 0
        try:
            for batch in batches:
                helpers.bulk(self.client, index_actions(name, batch))
                count += len(batch)
                session.progress(len(batch))
            session.catch_up(IndexNameWriter(self.client, name))
            self.client.indices.refresh(index=name)
            with session.swapping():
                self.swap_alias(name)
        except Exception:
            with suppress(Exception):  # unreachable: the next rebuild drops it
                self.discard_rebuild(name)
            raise
        return count

    def discard_rebuild(self, target: str) -> None:
        """Deletes a rebuild's index unless the alias already points at it."""
        if not target.startswith(f"{self.alias}-"):
            return
        live = set()
        if self.client.indices.exists_alias(name=self.alias):
            live = set(self.client.indices.get_alias(name=self.alias).keys())
        if target not in live:
            self.client.indices.delete(index=target, ignore_unavailable=True)

    def swap_alias(self, new_index: str) -> None:
        """Points the alias at ``new_index`` in one atomic step, then drops the old indices."""
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias).keys())
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def indexed_fingerprints(self) -> dict[str, str]:
        with outage_guarded():
            self.ensure_index()
            return {
                hit["_id"]: hit["_source"].get("fingerprint", "")
                for hit in helpers.scan(self.client, index=self.alias, _source=["fingerprint"])
            }

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        with outage_guarded():
            self.ensure_index(self.reader)
            response = self.reader.search(index=self.alias, body=search_body(query))
            did_you_mean = []
            if response["hits"]["total"]["value"] == 0 and query.parsed.terms:
                response = self.reader.search(index=self.alias, body=search_body(query, fuzzy=True))
                if response["hits"]["total"]["value"]:
                    did_you_mean = list(query.parsed.terms)
        return SearchResults(
            hits=[self.hit(raw) for raw in response["hits"]["hits"]],
            total=response["hits"]["total"]["value"],
            page=query.page,
            page_size=query.page_size,
            facets=self.facets(response.get("aggregations", {})),
            did_you_mean=did_you_mean,
            highlight_terms=query.parsed.positive_words,
        )

    @staticmethod
    def hit(raw: dict) -> Hit:
        source = raw["_source"]
        highlight = raw.get("highlight", {})
        return Hit(
            key=source["key"],
            kind=source["kind"],
            title=source["title"],
            url=source["url"],
            published_at=datetime.fromisoformat(source["published_at"]),
            author=source.get("author", ""),
            project_id=source.get("project_id"),
            project_title=source.get("project_title", ""),
            department_id=source.get("department_id"),
            subtitle=source.get("subtitle", ""),
            body=source.get("body", ""),
            score=raw.get("_score") or 0.0,
            title_highlight=(highlight.get("title") or [""])[0],
            excerpt=(highlight.get("body") or highlight.get("subtitle") or [""])[0],
        )

    @staticmethod
    def facets(aggregations: dict) -> dict[str, list[FacetValue]]:
        return {
            name: [
                FacetValue(
                    value=str(bucket["key"]), label=str(bucket["key"]), count=bucket["doc_count"]
                )
                for bucket in aggregation.get("buckets", [])
            ]
            for name, aggregation in aggregations.items()
        }

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        if not prefix.strip():
            return []
        filters = [{"terms": {"kind": ["project", "page", "poll"]}}]
        visibility = visibility_filter(viewer)
        if visibility:
            filters.append(visibility)
        with outage_guarded():
            self.ensure_index(self.reader)
            response = self.reader.search(
                index=self.alias,
                body={
                    "query": {
                        "bool": {
                            "must": [{"match_bool_prefix": {"title.folded": prefix}}],
                            "filter": filters,
                        }
                    },
                    "size": limit,
                    "_source": ["title", "url", "kind", "key"],
                },
            )
        return [
            Suggestion(
                title=hit["_source"]["title"],
                url=hit["_source"]["url"],
                kind=hit["_source"]["kind"],
                key=hit["_source"].get("key", ""),
            )
            for hit in response["hits"]["hits"]
        ]
