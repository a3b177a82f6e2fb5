"""A simple backend for SQLite, the zero-setup development database.

It matches folded words with LIKE on ``search_text`` (with a crude German
suffix stripping instead of a stemmer), ranks title matches first and then
by date, and counts facets in Python. Fine for a demo's few hundred
documents; production runs on PostgreSQL or Elasticsearch.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import DatabaseError, transaction
from django.db.models import Case, IntegerField, Q, Value, When

from search.backends.base import (
    RebuildSession,
    SearchBackend,
    SearchQuery,
    SearchUnavailable,
    Suggestion,
    Viewer,
)
from search.documents import FacetValue, Hit, Kind, SearchDocument, SearchResults
from search.indexing import fingerprint
from search.models import SearchEntry
from search.text import fold

SUFFIXES = ("ern", "en", "er", "es", "em", "e", "n", "s")
FACET_VALUES = 20


def crude_stem(word: str) -> str:
    for suffix in SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def entry_for(document: SearchDocument) -> SearchEntry:
    text = " ".join([document.title, document.subtitle, document.body, document.author])
    return SearchEntry(
        key=document.key,
        kind=document.kind,
        title=document.title,
        subtitle=document.subtitle,
        body=document.body,
        author=document.author,
        url=document.url,
        project_id=document.project_id,
        project_title=document.project_title,
        department_id=document.department_id,
        district_id=document.district_id,
        topic_ids=sorted(document.topic_ids),
        year=document.year,
        published_at=document.published_at,
        audience=document.audience,
        group_ids=sorted(document.group_ids),
        page_path=document.page_path,
        state=document.state,
        search_text=" " + " ".join(fold(text).split()) + " ",
        fingerprint=fingerprint(document),
    )


class SimpleSearchBackend(SearchBackend):
    name = "simple"

    def upsert(self, documents: list[SearchDocument]) -> None:
        entries = [entry_for(document) for document in documents]
        fields = [
            field.name for field in SearchEntry._meta.fields if field.name not in ("id", "key")
        ]
        SearchEntry.objects.bulk_create(
            entries, update_conflicts=True, unique_fields=["key"], update_fields=fields
        )

    def delete(self, keys: list[str]) -> None:
        SearchEntry.objects.filter(key__in=keys).delete()

    def rebuild(
        self, batches: Iterable[list[SearchDocument]], session: RebuildSession | None = None
    ) -> int:
        """Replaces the table's rows in one transaction (nobody sees it half-filled)."""
        session = session or RebuildSession()
        count = 0
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            for batch in batches:
                SearchEntry.objects.bulk_create([entry_for(document) for document in batch])
                count += len(batch)
                session.progress(len(batch))
            session.catch_up(self)
            with session.swapping():
                pass
        return count

    def ping(self) -> None:
        try:
            SearchEntry.objects.exists()
        except DatabaseError as error:
            raise SearchUnavailable(f"{type(error).__name__}: {error}") from error

    def indexed_fingerprints(self) -> dict[str, str]:
        return dict(SearchEntry.objects.values_list("key", "fingerprint"))

    def _visible(self, viewer: Viewer):
        in_site = SearchEntry.objects.all()
        if viewer.site_root_path is not None:
            in_site = in_site.filter(page_path__startswith=viewer.site_root_path)
        if viewer.superuser:
            return in_site
        allowed = Q(audience="public")
        if viewer.authenticated:
            allowed |= Q(audience="login")
        if viewer.authenticated and viewer.group_ids:
            restricted = [
                entry.pk
                for entry in in_site.filter(audience="groups").only("group_ids")
                if set(entry.group_ids) & set(viewer.group_ids)
            ]
            allowed |= Q(pk__in=restricted)
        return in_site.filter(allowed)

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        stems = [crude_stem(term) for term in parsed.terms]
        entries = self._visible(query.viewer)
        for stem in stems:
            entries = entries.filter(search_text__contains=stem)
        for phrase in parsed.phrases:
            entries = entries.filter(search_text__contains=" ".join(phrase))
        for word in parsed.excluded:
            entries = entries.exclude(search_text__contains=f" {word}")
        for phrase in parsed.excluded_phrases:
            entries = entries.exclude(search_text__contains=" ".join(phrase))
        entries = self._filter(entries, query)
        facets = self._facets(entries) if query.with_facets else {}
        total = entries.count()
        title_match = Q(pk__isnull=False)
        for stem in stems:
            title_match &= Q(title__icontains=stem)
        ranked = entries.annotate(
            title_match=Case(
                When(title_match, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        ).order_by("-title_match", "-published_at", "key")
        page = ranked[query.offset : query.offset + query.page_size]
        hits = [
            Hit(
                key=entry.key,
                kind=entry.kind,
                title=entry.title,
                url=entry.url,
                published_at=entry.published_at,
                author=entry.author,
                project_id=entry.project_id,
                project_title=entry.project_title,
                department_id=entry.department_id,
                subtitle=entry.subtitle,
                body=entry.body,
            )
            for entry in page
        ]
        return SearchResults(
            hits=hits,
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            highlight_terms=stems + parsed.positive_words,
        )

    def _filter(self, entries, query: SearchQuery):
        filters = query.filters
        if filters.kinds:
            entries = entries.filter(kind__in=filters.kinds)
        if filters.project_id is not None:
            entries = entries.filter(project_id=filters.project_id)
        if filters.department_ids:
            entries = entries.filter(department_id__in=filters.department_ids)
        if filters.district_id is not None:
            entries = entries.filter(district_id=filters.district_id)
        if filters.topic_id is not None:
            # JSON containment lookups do not exist on SQLite; a demo has few entries.
            matching = [
                pk
                for pk, topics in entries.values_list("pk", "topic_ids")
                if filters.topic_id in topics
            ]
            entries = entries.filter(pk__in=matching)
        if filters.year is not None:
            entries = entries.filter(year=filters.year)
        if filters.state:
            entries = entries.filter(state=filters.state)
        return entries

    def _facets(self, entries) -> dict[str, list[FacetValue]]:
        counters = {
            name: Counter()
            for name in ("kind", "project", "department", "district", "topic", "year", "state")
        }
        rows = entries.values_list(
            "kind", "project_id", "department_id", "district_id", "topic_ids", "year", "state"
        )
        for kind, project, department, district, topics, year, state in rows:
            if state:
                counters["state"][state] += 1
            counters["kind"][kind] += 1
            counters["year"][str(year)] += 1
            for name, value in (
                ("project", project),
                ("department", department),
                ("district", district),
            ):
                if value is not None:
                    counters[name][str(value)] += 1
            for topic in topics:
                counters["topic"][str(topic)] += 1
        return {
            name: [
                FacetValue(value=value, label=value, count=count)
                for value, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))[
                    :FACET_VALUES
                ]
            ]
            for name, counter in counters.items()
        }

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        words = fold(prefix).split()
        if not words:
            return []
        entries = self._visible(viewer).filter(kind__in=Kind.SUGGESTED)
        for word in words:
            entries = entries.filter(search_text__contains=f" {word}")
        return [
            Suggestion(title=entry.title, url=entry.url, kind=entry.kind, key=entry.key)
            for entry in entries.order_by("-published_at")[:limit]
        ]
