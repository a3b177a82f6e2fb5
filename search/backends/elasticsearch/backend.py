"""The backend: writing, zero-downtime rebuilds behind the alias, reading."""

from collections.abc import Iterable
from contextlib import contextmanager, suppress
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers

from search.backends.base import (
    IndexWriter,
    RebuildSession,
    SearchBackend,
    SearchQuery,
    SearchUnavailable,
    Suggestion,
    Viewer,
)
from search.documents import FacetValue, Hit, Kind, SearchDocument, SearchResults
from search.outages import is_outage

from .mapping import index_actions, index_definition
from .query import group_name, known_words_body, search_body, visibility_filter
from .reading import (
    matched_names,
    missing_words,
    surface_form,
    total_of,
    unknown_words,
    unmatched_words,
)


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
        """Full matches; partial ones after them when too few; typos of unknown words.

        1. The full search, with a term suggestion for each word.
        2. When it finds nothing, the words nobody wrote (the suggester has
           options for them) and that match nothing this viewer may see
           (an inflected form matches its stem: "Spielplatz" finds
           "Spielplätze") match with typos, and the search runs again.
        3. With two or more groups and fewer full matches than a page, the
           partial search (at least half of the groups) replaces it if it
           finds more.
        """
        parsed = query.parsed
        if parsed.is_empty:
            return SearchResults(hits=[], total=0, page=query.page, page_size=query.page_size)
        with outage_guarded():
            self.ensure_index(self.reader)
            response = self._search(search_body(query, suggest=True))
            unknown = unknown_words(response, parsed.groups)
            if unknown and total_of(response) == 0:
                found = self._search(known_words_body(query, list(unknown)))
                unknown = {w: unknown[w] for w in unmatched_words(found, list(unknown))}
            fuzzy = frozenset(unknown) if total_of(response) == 0 else frozenset()
            if fuzzy:
                response = self._search(search_body(query, fuzzy_words=fuzzy))
            partial = False
            if len(parsed.groups) >= 2 and total_of(response) < query.page_size:
                widened = self._search(search_body(query, partial=True, fuzzy_words=fuzzy))
                if total_of(widened) > total_of(response):
                    response, partial = widened, True
        raw_hits = response["hits"]["hits"]
        hits = [self.hit(raw) for raw in raw_hits]
        if partial:
            for hit, raw in zip(hits, raw_hits, strict=True):
                hit.missing_words = missing_words(raw, parsed.groups)
        corrections = self.corrections(raw_hits, parsed.groups, {w: unknown[w] for w in fuzzy})
        return SearchResults(
            hits=hits,
            total=total_of(response),
            page=query.page,
            page_size=query.page_size,
            facets=self.facets(response.get("aggregations", {})),
            corrections=corrections,
            corrections_applied=bool(corrections),
            partial=partial,
            highlight_terms=list(dict.fromkeys(parsed.positive_words + list(corrections.values()))),
        )

    def _search(self, body: dict) -> dict:
        return self.reader.search(index=self.alias, body=body)

    @staticmethod
    def corrections(raw_hits: list[dict], groups: list[list[str]], suggested: dict[str, str]):
        """{word typed: word meant, as the hits write it} for corrections that found something.

        The term suggester knows every indexed word, restricted pages'
        included; a correction is only told when a hit this viewer may see
        matched the corrected word's group.
        """
        matched = set()
        for raw in raw_hits:
            matched.update(matched_names(raw))
        texts = " ".join(
            " ".join(raw["_source"].get(name, "") or "" for name in ("title", "subtitle", "body"))
            for raw in raw_hits
        )
        found = {}
        for index, words in enumerate(groups):
            if group_name(index) not in matched:
                continue
            for word in words:
                if word in suggested:
                    found[word] = surface_form(texts, suggested[word])
        return found

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
        filters = [{"terms": {"kind": list(Kind.SUGGESTED)}}]
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
