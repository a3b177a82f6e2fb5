"""Searching the table: three strategies by the expected number of matches.

The lexicon says roughly how many documents a query can match before it
runs (``QueryPlan.estimated_matches``):

* few (up to RANKED_MATCHES_LIMIT): one pass over the matches yields the
  total, the facets and the page of hits ranked by ``ts_rank``;
* more (up to EXACT_COUNT_LIMIT): one pass for the exact total and
  facets; the page of hits comes from two short walks of the published_at
  index (title matches first, then the rest, newest first), because
  ``ts_rank`` costs about 2 µs per match and changes little for a common
  word;
* very many: the total and the facets are counted on the first
  EXACT_COUNT_LIMIT matches only, and the result says so
  (``total_is_lower_bound``): a city-wide word ("Stadt") matches half of
  everything, and counting half a million rows exactly for every keystroke
  is what made other portals slow. Hits as above.

Unknown words (being typed, matched as prefixes) and phrases have no
estimate; they get an exact pass first and then whichever ranking fits.

A query of several words whose full matches do not fill the first page is
widened to partial matches (``_find_partial``): documents with at least
half of the words, ranked by how many they contain, then by how rare those
words are. A word in more than RANKED_MATCHES_LIMIT documents does not on
its own make a partial match: listing every text that says "Stadt" for
"Stadt Leihfrist" would bury the one about the Leihfrist.
"""

from collections import Counter
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction

from search.analysis import lexeme, prefix_lexemes, quote_lexeme
from search.analysis import surface_forms as analysis_surface_forms
from search.backends.base import SearchQuery, Suggestion, Viewer
from search.backends.planning import COMMON_WORD_DOCUMENTS, needed_groups
from search.documents import FacetValue, Hit, Kind, SearchResults
from search.text import words as analysis_words

from .errors import outage_guarded
from .plan import QueryPlan, visibility_sql

RANKED_MATCHES_LIMIT = COMMON_WORD_DOCUMENTS
FACET_VALUES = 20
FACETS = ("kind", "project", "department", "district", "topic", "year", "state")
# The facet each column counts, in the order of FACET_COLUMNS.
COLUMN_FACETS = ("kind", "project", "department", "district", "year", "topic", "state")
FACET_COLUMNS = "kind, project_id, department_id, district_id, year, topic_array, state"
GROUPING_SETS = (
    "GROUP BY GROUPING SETS ((kind), (project_id), (department_id), (district_id), (year), "
    "(topic_array), (state), ())"
)
HIT_COLUMNS = (
    "id, key, kind, title, url, published_at, author, project_id, project_title, "
    "department_id, subtitle, body"
)


HIT_FIELDS = [name.strip() for name in HIT_COLUMNS.split(",")]


def hit_from_row(row) -> Hit:
    """A hit from a row of HIT_COLUMNS (its id kept on the hit as ``id``)."""
    values = dict(zip(HIT_FIELDS, row, strict=True))
    hit = Hit(**{name: value for name, value in values.items() if name != "id"})
    hit.id = values["id"]
    return hit


def hit_from_json(values: list) -> Hit:
    """A hit from HIT_COLUMNS as json_build_array gives them (the date as ISO text)."""
    row = list(values)
    position = HIT_FIELDS.index("published_at")
    row[position] = datetime.fromisoformat(row[position])
    return hit_from_row(row)


def exact_count_limit() -> int | None:
    """The bound for counting very common words; None counts everything exactly."""
    return getattr(settings, "PORTAL_SEARCH_EXACT_COUNT_LIMIT", 20_000) or None


class ReadingMixin:
    def search(self, query: SearchQuery) -> SearchResults:
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            # The lexicon query sets the planner up for the rest of the transaction
            # (QueryPlan.read_lexicon, PLANNER_SETTINGS).
            plan = QueryPlan.build(cursor, query)
            if plan is None:
                return SearchResults(hits=[], total=0, page=query.page, page_size=query.page_size)
            outcome = self._find(cursor, plan, query)
            partial = False
            if len(plan.groups) >= 2 and outcome[0] < query.page_size:
                widened = self._find_partial(cursor, plan, query)
                if widened is not None and widened[0] > outcome[0]:
                    outcome, partial = widened, True
            total, facets, ids, bounded = outcome[:4]
            # The page of hits comes with the query that found it, or is read now.
            hits = outcome[4] if len(outcome) > 4 else self._load_hits(cursor, ids)
            if partial:
                self._mark_missing(cursor, plan, ids, hits)
            corrections = plan.corrections or plan.suggestions
            spelled = surface_forms(cursor, query, set(corrections.values()))
        return SearchResults(
            hits=hits,
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            corrections={word: spelled.get(value, value) for word, value in corrections.items()},
            corrections_applied=bool(plan.corrections),
            partial=partial,
            highlight_terms=plan.highlight_terms,
            total_is_lower_bound=bounded,
        )

    def _find_partial(self, cursor, plan: QueryPlan, query: SearchQuery):
        """Full and partial matches in one pass: most words first, then the rarer words.

        None when every word is very common (no partial match is listed).
        """
        limit = exact_count_limit() or 10**9
        common = min(RANKED_MATCHES_LIMIT, limit)
        rare = [
            group for group in plan.groups if group.documents is None or group.documents <= common
        ]
        if not rare:
            return None
        needed = needed_groups(len(plan.groups))
        where, params = plan.where(query, plan.any_group_tsquery(rare))
        matched = " + ".join(
            "(d.search_vector @@ CAST(%s AS tsquery))::int" for _group in plan.groups
        )
        score = " + ".join(
            f"CASE WHEN d.search_vector @@ CAST(%s AS tsquery) THEN {group.weight} "
            "* (1 + 0.5 * (d.title_vector @@ CAST(%s AS tsquery))::int) ELSE 0 END"
            for group in plan.groups
        )
        select_params = [group.tsquery for group in plan.groups]
        for group in plan.groups:
            select_params += [group.tsquery, group.tsquery]
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT d.id, d.published_at, {facet_columns('d')}, "
            f"{matched} AS matched, {score} AS score "
            f"FROM search_searchentry d WHERE {where} LIMIT %s), "
            "p AS (SELECT * FROM m WHERE matched >= %s) "
            f"SELECT GROUPING({FACET_COLUMNS}), {FACET_COLUMNS}, count(*), "
            "(SELECT array_agg(id ORDER BY matched DESC, score DESC, published_at DESC, id) "
            "FROM (SELECT id, matched, score, published_at FROM p ORDER BY matched DESC, "
            "score DESC, published_at DESC, id LIMIT %s OFFSET %s) page) "
            f"FROM p {GROUPING_SETS}",
            [*select_params, *params, limit + 1, needed, query.page_size, query.offset],
        )
        rows = cursor.fetchall()
        total, facets = facets_from(row[:-1] for row in rows)
        ids = (rows[0][-1] or []) if rows else []
        return total, facets, ids, total > limit

    def _mark_missing(self, cursor, plan: QueryPlan, ids: list[int], hits: list[Hit]) -> None:
        """Each hit's missing_words: the words of the groups it does not match."""
        if not ids:
            return
        checks = ", ".join("search_vector @@ CAST(%s AS tsquery)" for _group in plan.groups)
        cursor.execute(
            f"SELECT key, ARRAY[{checks}] FROM search_searchentry WHERE id = ANY(%s)",
            [*(group.tsquery for group in plan.groups), list(ids)],
        )
        matched = dict(cursor.fetchall())
        for hit in hits:
            hit.missing_words = [
                word
                for group, found in zip(plan.groups, matched.get(hit.key, []), strict=False)
                if not found
                for word in group.words
            ]

    def _find(self, cursor, plan: QueryPlan, query: SearchQuery):
        """(total, facets, ids of the page's hits, whether the total is a lower bound)."""
        estimate = plan.estimated_matches
        limit = exact_count_limit()
        # A phrase matches far fewer documents than its words' counts suggest,
        # and checking word positions is the expensive part: do it only once.
        if query.parsed.phrases or (estimate is not None and estimate <= RANKED_MATCHES_LIMIT):
            total, facets, hits = self._count_and_rank(cursor, plan, query, limit)
            bounded = limit is not None and total > limit
            if bounded or total > RANKED_MATCHES_LIMIT:
                # The lexicon's counts date from the last rebuild; the strategy
                # follows the real number, so results do not depend on when
                # the index was last rebuilt.
                hits = self._recent_hits(cursor, plan, query)
            return total, facets, [hit.id for hit in hits], bounded, hits
        if limit is None or estimate is None or estimate <= limit:
            limit = None
        total, facets = self._count(cursor, plan, query, limit=limit)
        bounded = limit is not None and total > limit
        if not total:
            return 0, facets, [], False
        if total <= RANKED_MATCHES_LIMIT:
            return total, facets, self._ranked_ids(cursor, plan, query), bounded
        hits = self._recent_hits(cursor, plan, query)
        return total, facets, [hit.id for hit in hits], bounded, hits

    def _count_and_rank(self, cursor, plan: QueryPlan, query: SearchQuery, limit: int | None):
        """Total, facets and the ranked page in one pass over (at most limit + 1) matches."""
        where, params = plan.where(query)
        bound = f"LIMIT {int(limit) + 1}" if limit is not None else ""
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT d.id, d.published_at, {facet_columns('d')}, "
            f"ts_rank(d.search_vector, {plan.tsquery_sql}) AS score "
            f"FROM search_searchentry d WHERE {where} {bound}) "
            f"SELECT GROUPING({FACET_COLUMNS}), {FACET_COLUMNS}, count(*), "
            # The page of hits, whole, as JSON: no second round trip to load them.
            f"(SELECT json_agg(json_build_array({HIT_COLUMNS}) ORDER BY page.position) "
            "FROM (SELECT id, row_number() OVER (ORDER BY score DESC, published_at DESC, id) "
            "AS position FROM m ORDER BY score DESC, published_at DESC, id LIMIT %s OFFSET %s) "
            "page JOIN search_searchentry USING (id)) "
            f"FROM m {GROUPING_SETS}",
            [*plan.tsquery_params, *params, query.page_size, query.offset],
        )
        rows = cursor.fetchall()
        total, facets = facets_from(row[:-1] for row in rows)
        hits = [hit_from_json(values) for values in (rows[0][-1] or [])] if rows else []
        return total, facets, hits

    def _count(self, cursor, plan: QueryPlan, query: SearchQuery, limit: int | None):
        """The total and facets; with ``limit``, counted on at most limit + 1 matches."""
        where, params = plan.where(query)
        if limit is None:
            source, source_params = f"search_searchentry d WHERE {where}", params
        else:
            source = (
                f"(SELECT {facet_columns('d')} FROM search_searchentry d WHERE {where} LIMIT %s) d"
            )
            source_params = [*params, limit + 1]
        if not query.with_facets:
            cursor.execute(f"SELECT count(*) FROM {source}", source_params)
            return cursor.fetchone()[0], {}
        cursor.execute(
            f"SELECT GROUPING({FACET_COLUMNS}), {FACET_COLUMNS}, count(*) FROM {source} "
            f"{GROUPING_SETS}",
            source_params,
        )
        return facets_from(cursor.fetchall())

    def _recent_hits(self, cursor, plan: QueryPlan, query: SearchQuery) -> list[Hit]:
        """A common word's page of hits: title matches first, each part newest first.

        Both parts walk the published_at index and stop after ``end`` rows,
        so the cost does not grow with the number of matches; one round
        trip reads both, hits whole.
        """
        where, params = plan.where(query)
        in_title = f"d.title_vector @@ {plan.tsquery_sql}"
        end = query.offset + query.page_size
        order = "ORDER BY d.published_at DESC, d.id DESC"
        columns = ", ".join(f"d.{column.strip()}" for column in HIT_COLUMNS.split(","))
        cursor.execute(
            f"(SELECT 0, {columns} FROM search_searchentry d WHERE {where} AND {in_title} "
            f"{order} LIMIT %s) UNION ALL "
            f"(SELECT 1, {columns} FROM search_searchentry d WHERE {where} AND NOT {in_title} "
            f"{order} LIMIT %s)",
            [*params, *plan.tsquery_params, end, *params, *plan.tsquery_params, end],
        )
        rows = cursor.fetchall()
        title = [row[1:] for row in rows if row[0] == 0]
        rest = [row[1:] for row in rows if row[0] == 1]
        return [hit_from_row(row) for row in (title + rest)[query.offset : end]]

    def _ranked_ids(self, cursor, plan: QueryPlan, query: SearchQuery) -> list[int]:
        where, params = plan.where(query)
        cursor.execute(
            f"SELECT d.id FROM search_searchentry d WHERE {where} "
            f"ORDER BY ts_rank(d.search_vector, {plan.tsquery_sql}) DESC, "
            "d.published_at DESC, d.id LIMIT %s OFFSET %s",
            [*params, *plan.tsquery_params, query.page_size, query.offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def _load_hits(self, cursor, ids: list[int]) -> list[Hit]:
        if not ids:
            return []
        cursor.execute(
            f"SELECT {HIT_COLUMNS} FROM search_searchentry WHERE id = ANY(%s)", [list(ids)]
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        return [hit_from_row(rows[pk]) for pk in ids if pk in rows]

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        words = analysis_words(prefix)
        if not words:
            return []
        # Whole words for all but the last, a prefix for the word being typed.
        operands = [quote_lexeme(value) for word in words[:-1] if (value := lexeme(word))]
        typed = [quote_lexeme(value) + ":*" for value in prefix_lexemes(words[-1])]
        if not typed:
            return []
        operands.append("(" + " | ".join(typed) + ")")
        visibility, params = visibility_sql(viewer)
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT title, url, kind, key FROM search_searchentry "
                "WHERE search_vector @@ CAST(%s AS tsquery) "
                f"AND kind = ANY(%s) AND {visibility} "
                "ORDER BY ts_rank(search_vector, CAST(%s AS tsquery)) DESC, "
                "published_at DESC LIMIT %s",
                [" & ".join(operands), list(Kind.SUGGESTED), *params, " & ".join(operands), limit],
            )
            return [
                Suggestion(title=t, url=u, kind=k, key=key) for t, u, k, key in cursor.fetchall()
            ]


def surface_forms(cursor, query: SearchQuery, wanted: set[str]) -> dict[str, str]:
    """How people write each wanted lexeme, from a few visible texts that contain it."""
    spelled: dict[str, str] = {}
    visibility, params = visibility_sql(query.viewer)
    for value in sorted(wanted):
        cursor.execute(
            "SELECT title || ' ' || subtitle || ' ' || body FROM search_searchentry "
            f"WHERE search_vector @@ CAST(%s AS tsquery) AND {visibility} LIMIT 5",
            [quote_lexeme(value), *params],
        )
        text = " ".join(row[0] for row in cursor.fetchall())
        spelled.update(analysis_surface_forms(text, {value}))
    return spelled


def facet_columns(alias: str) -> str:
    return ", ".join(f"{alias}.{column.strip()}" for column in FACET_COLUMNS.split(","))


# GROUPING() has one bit per column (the first the highest), set when the
# column is not grouped: each grouping set leaves one bit clear.
UNGROUPED = (1 << len(COLUMN_FACETS)) - 1
GROUPING_FACETS = {
    UNGROUPED & ~(1 << (len(COLUMN_FACETS) - 1 - index)): (name, index + 1)
    for index, name in enumerate(COLUMN_FACETS)
}


def facets_from(rows) -> tuple[int, dict[str, list[FacetValue]]]:
    """Total and facets from GROUPING SETS rows (grouping, columns..., count).

    Topics come grouped by their whole list (few combinations) and are
    spread to single topics here, much cheaper than unnesting in SQL.
    """
    total = 0
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for row in rows:
        grouping, count = row[0], row[len(COLUMN_FACETS) + 1]
        if grouping == UNGROUPED:
            total = count
        elif grouping in GROUPING_FACETS:
            name, column = GROUPING_FACETS[grouping]
            if name == "topic":
                for topic in row[column] or []:
                    counts["topic"][str(topic)] += count
            elif row[column] not in (None, ""):  # documents without a project, state, ...
                counts[name][str(row[column])] += count
    facets = {
        name: [
            FacetValue(value=value, label=value, count=count)
            for value, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))[
                :FACET_VALUES
            ]
        ]
        for name, counter in counts.items()
    }
    return total, facets
