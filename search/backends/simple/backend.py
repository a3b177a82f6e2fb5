"""The simple backend: the analysed text in SearchEntry rows, searched in Python."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, transaction

from search.analysis import lexeme, prefix_lexemes, surface_forms
from search.backends.base import (
    Filters,
    RebuildSession,
    SearchBackend,
    SearchQuery,
    SearchUnavailable,
    Suggestion,
    Viewer,
)
from search.backends.planning import COMMON_WORD_DOCUMENTS, needed_groups
from search.documents import Audience, FacetValue, Hit, Kind, SearchDocument, SearchResults
from search.indexing import fingerprint
from search.models import SearchEntry
from search.text import words as analysis_words

from .plan import Lexicon, Plan, phrase_starts
from .storage import Analysed, analyse_fields, analysed_text, decode, is_current

FACET_VALUES = 20
FACETS = ("kind", "project", "department", "district", "topic", "year", "state")
ROW_FIELDS = (
    "id",
    "search_text",
    "published_at",
    "kind",
    "project_id",
    "department_id",
    "district_id",
    "topic_ids",
    "year",
    "state",
    "audience",
    "group_ids",
)
HIT_FIELDS = (
    "key",
    "kind",
    "title",
    "url",
    "published_at",
    "author",
    "project_id",
    "project_title",
    "department_id",
    "subtitle",
    "body",
)
# SQLite allows few bound parameters in old versions: ids are read in chunks.
ID_CHUNK = 500


@dataclass
class Row:
    """One visible entry as a search needs it."""

    id: int
    published_at: datetime
    kind: str
    project_id: int | None
    department_id: int | None
    district_id: int | None
    topic_ids: list[int]
    year: int
    state: str
    analysed: Analysed | None = None


@dataclass
class Candidate:
    row: Row
    matched: list[bool]
    score: tuple = ()


def entry_for(document: SearchDocument) -> SearchEntry:
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
        search_text=analysed_text(document),
        fingerprint=fingerprint(document),
    )


def passes(row: Row, filters: Filters) -> bool:
    return (
        (not filters.kinds or row.kind in filters.kinds)
        and (filters.project_id is None or row.project_id == filters.project_id)
        and (not filters.department_ids or row.department_id in filters.department_ids)
        and (filters.district_id is None or row.district_id == filters.district_id)
        and (filters.topic_id is None or filters.topic_id in row.topic_ids)
        and (filters.year is None or row.year == filters.year)
        and (not filters.state or row.state == filters.state)
    )


def facets_of(rows: list[Row]) -> dict[str, list[FacetValue]]:
    counters: dict[str, Counter] = {name: Counter() for name in FACETS}
    for row in rows:
        counters["kind"][row.kind] += 1
        counters["year"][str(row.year)] += 1
        if row.state:
            counters["state"][row.state] += 1
        for name, value in (
            ("project", row.project_id),
            ("department", row.department_id),
            ("district", row.district_id),
        ):
            if value is not None:
                counters[name][str(value)] += 1
        for topic in row.topic_ids:
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


def _any_rare(matched: list[bool], rare: list[bool]) -> bool:
    """A word in very many documents does not on its own make a partial match."""
    return any(found and is_rare for found, is_rare in zip(matched, rare, strict=True))


def _newest_first(row: Row) -> float:
    return -row.published_at.timestamp()


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

    def _visible_rows(self, viewer: Viewer, kinds: list[str] | None = None) -> list[Row]:
        """The entries ``viewer`` may see, analysed (fine for a demo's few thousand)."""
        entries = SearchEntry.objects.all()
        if viewer.site_root_path is not None:
            entries = entries.filter(page_path__startswith=viewer.site_root_path)
        if not viewer.superuser:
            audiences = [Audience.PUBLIC]
            if viewer.authenticated:
                audiences += [Audience.LOGIN, Audience.GROUPS]
            entries = entries.filter(audience__in=audiences)
        if kinds is not None:
            entries = entries.filter(kind__in=kinds)
        groups = set(viewer.group_ids)
        rows, legacy = [], {}
        for pk, text, *values, audience, group_ids in entries.values_list(*ROW_FIELDS):
            if audience == Audience.GROUPS and not viewer.superuser and not groups & set(group_ids):
                continue
            row = Row(pk, *values)
            rows.append(row)
            if is_current(text):
                row.analysed = decode(text)
            else:
                legacy[pk] = row
        ids = list(legacy)
        for start in range(0, len(ids), ID_CHUNK):
            fields = ("id", "title", "subtitle", "body", "author")
            for pk, *texts in SearchEntry.objects.filter(
                pk__in=ids[start : start + ID_CHUNK]
            ).values_list(*fields):
                legacy[pk].analysed = analyse_fields(*texts)
        return [row for row in rows if row.analysed is not None]

    def search(self, query: SearchQuery) -> SearchResults:
        empty = SearchResults(hits=[], total=0, page=query.page, page_size=query.page_size)
        if query.parsed.is_empty:
            return empty
        visible = self._visible_rows(query.viewer)
        plan = Plan(query.parsed, Lexicon(row.analysed for row in visible))
        if plan.is_empty:
            return empty
        full, partial_matches = [], []
        needed = needed_groups(len(plan.groups))
        rare = [g.documents is None or g.documents <= COMMON_WORD_DOCUMENTS for g in plan.groups]
        for row in visible:
            analysed = row.analysed
            if not passes(row, query.filters) or plan.excludes(analysed):
                continue
            if not all(phrase_starts(analysed, phrase) for phrase in plan.phrases):
                continue
            matched = plan.matched_groups(analysed)
            candidate = Candidate(row, matched)
            if all(matched):
                full.append(candidate)
            elif sum(matched) >= needed and _any_rare(matched, rare):
                partial_matches.append(candidate)
        if plan.phrase_patterns or plan.excluded_patterns:
            full, partial_matches = self._on_the_text(plan, full, partial_matches)
        found, partial = full, False
        if len(plan.groups) >= 2 and len(full) < query.page_size and partial_matches:
            found, partial = full + partial_matches, True
            for candidate in found:
                candidate.score = self._partial_score(plan, candidate)
        else:
            for candidate in found:
                candidate.score = self._full_score(plan, candidate)
        found.sort(key=lambda candidate: candidate.score)
        page = found[query.offset : query.offset + query.page_size]
        hits = self._load_hits([candidate.row.id for candidate in page])
        if partial:
            for hit, candidate in zip(hits, page, strict=True):
                hit.missing_words = [
                    word
                    for group, matched in zip(plan.groups, candidate.matched, strict=True)
                    if not matched
                    for word in group.words
                ]
        corrections = plan.corrections or plan.suggestions
        spelled = self._surface_forms(visible, set(corrections.values()))
        return SearchResults(
            hits=hits,
            total=len(found),
            page=query.page,
            page_size=query.page_size,
            facets=facets_of([c.row for c in found]) if query.with_facets else {},
            corrections={word: spelled.get(value, value) for word, value in corrections.items()},
            corrections_applied=bool(plan.corrections),
            partial=partial,
            highlight_terms=plan.highlight_terms,
        )

    @staticmethod
    def _on_the_text(plan: Plan, *candidate_lists: list) -> list[list]:
        """Keeps the candidates whose text has each phrase with its stop words (and no
        excluded one): the lexemes only say a word stands between "Platz" and "Kinder"."""
        ids = [candidate.row.id for candidates in candidate_lists for candidate in candidates]
        texts = {
            pk: f"{title} {subtitle} {body}"
            for pk, title, subtitle, body in SearchEntry.objects.filter(pk__in=ids).values_list(
                "id", "title", "subtitle", "body"
            )
        }
        wanted = [re.compile(pattern, re.IGNORECASE) for pattern in plan.phrase_patterns]
        unwanted = [re.compile(pattern, re.IGNORECASE) for pattern in plan.excluded_patterns]

        def keeps(candidate) -> bool:
            text = texts.get(candidate.row.id, "")
            return all(p.search(text) for p in wanted) and not any(p.search(text) for p in unwanted)

        return [[c for c in candidates if keeps(c)] for candidates in candidate_lists]

    @staticmethod
    def _full_score(plan: Plan, candidate: Candidate) -> tuple:
        """Full matches: more of the query in the title first, then newest."""
        analysed = candidate.row.analysed
        in_title = sum(plan.title_matches(analysed, candidate.matched))
        in_title += sum(
            any(start <= analysed.title_end for start in phrase_starts(analysed, phrase))
            for phrase in plan.phrases
        )
        return (-in_title, _newest_first(candidate.row), candidate.row.id)

    @staticmethod
    def _partial_score(plan: Plan, candidate: Candidate) -> tuple:
        """Most groups first, then the rarer words (x1.5 in the title), then newest."""
        in_title = plan.title_matches(candidate.row.analysed, candidate.matched)
        weight = sum(
            group.weight * (1.5 if title else 1)
            for group, matched, title in zip(plan.groups, candidate.matched, in_title, strict=True)
            if matched
        )
        row = candidate.row
        return (-sum(candidate.matched), -weight, _newest_first(row), row.id)

    def _load_hits(self, ids: list[int]) -> list[Hit]:
        entries = SearchEntry.objects.filter(pk__in=ids).values_list("id", *HIT_FIELDS)
        by_id = {pk: values for pk, *values in entries}
        return [Hit(**dict(zip(HIT_FIELDS, by_id[pk], strict=True))) for pk in ids if pk in by_id]

    @staticmethod
    def _surface_forms(visible: list[Row], wanted: set[str]) -> dict[str, str]:
        """How people write each wanted lexeme, from a few visible texts that contain it."""
        spelled: dict[str, str] = {}
        for value in sorted(wanted):
            ids = [row.id for row in visible if value in row.analysed.positions][:5]
            texts = SearchEntry.objects.filter(pk__in=ids).values_list("title", "subtitle", "body")
            spelled.update(surface_forms(" ".join(" ".join(t) for t in texts), {value}))
        return spelled

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        """Titles with the whole words typed before the last, and the last as a prefix."""
        words = analysis_words(prefix)
        if not words:
            return []
        whole = {value for word in words[:-1] if (value := lexeme(word)) is not None}
        typed = prefix_lexemes(words[-1])
        if not typed:
            return []
        rows = self._visible_rows(viewer, kinds=list(Kind.SUGGESTED))
        begun = Lexicon(row.analysed for row in rows).starting(typed)
        ranked = []
        for row in rows:
            keys = row.analysed.positions.keys()
            if whole <= keys and not keys.isdisjoint(begun):
                title = row.analysed.title
                in_title = len(whole & title) + (not title.isdisjoint(begun))
                ranked.append((-in_title, _newest_first(row), row.id))
        ids = [pk for *_order, pk in sorted(ranked)[:limit]]
        entries = SearchEntry.objects.filter(pk__in=ids).values_list(
            "id", "title", "url", "kind", "key"
        )
        by_id = {pk: Suggestion(title=t, url=u, kind=k, key=key) for pk, t, u, k, key in entries}
        return [by_id[pk] for pk in ids if pk in by_id]
