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
"""

from collections import Counter

from django.conf import settings
from django.db import connection, transaction

from search.backends.base import SearchQuery, Suggestion, Viewer
from search.documents import FacetValue, Hit, Kind, SearchResults
from search.text import fold

from .errors import outage_guarded
from .plan import QueryPlan, quote_lexeme, visibility_sql

RANKED_MATCHES_LIMIT = 5_000
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


def exact_count_limit() -> int | None:
    """The bound for counting very common words; None counts everything exactly."""
    return getattr(settings, "PORTAL_SEARCH_EXACT_COUNT_LIMIT", 20_000) or None


class ReadingMixin:
    def search(self, query: SearchQuery) -> SearchResults:
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            # The GIN index is always the way in: otherwise the planner may scan
            # the whole table for a common word, evaluating @@ on every vector.
            # JIT compiling these short queries costs more than it saves.
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
            )
            plan = QueryPlan.build(cursor, query)
            if plan is None:
                return SearchResults(hits=[], total=0, page=query.page, page_size=query.page_size)
            outcome = self._find(cursor, plan, query)
            did_you_mean = []
            if outcome[0] == 0 and plan.stems:
                did_you_mean = plan.add_typo_variants(cursor)
                if did_you_mean:
                    outcome = self._find(cursor, plan, query)
            total, facets, ids, bounded = outcome
            hits = self._load_hits(cursor, ids)
        return SearchResults(
            hits=hits,
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            did_you_mean=did_you_mean,
            highlight_terms=plan.highlight_terms,
            total_is_lower_bound=bounded,
        )

    def _find(self, cursor, plan: QueryPlan, query: SearchQuery):
        """(total, facets, ids of the page's hits, whether the total is a lower bound)."""
        estimate = plan.estimated_matches
        limit = exact_count_limit()
        # A phrase matches far fewer documents than its words' counts suggest,
        # and checking word positions is the expensive part: do it only once.
        if query.parsed.phrases or (estimate is not None and estimate <= RANKED_MATCHES_LIMIT):
            total, facets, ids = self._count_and_rank(cursor, plan, query, limit)
            bounded = limit is not None and total > limit
            if bounded or total > RANKED_MATCHES_LIMIT:
                # The lexicon's counts date from the last rebuild; the strategy
                # follows the real number, so results do not depend on when
                # the index was last rebuilt.
                ids = self._recent_ids(cursor, plan, query)
            return total, facets, ids, bounded
        if limit is None or estimate is None or estimate <= limit:
            limit = None
        total, facets = self._count(cursor, plan, query, limit=limit)
        bounded = limit is not None and total > limit
        if not total:
            return 0, facets, [], False
        if total <= RANKED_MATCHES_LIMIT:
            return total, facets, self._ranked_ids(cursor, plan, query), bounded
        return total, facets, self._recent_ids(cursor, plan, query), bounded

    def _count_and_rank(self, cursor, plan: QueryPlan, query: SearchQuery, limit: int | None):
        """Total, facets and the ranked page in one pass over (at most limit + 1) matches."""
        where, params = plan.where(query)
        bound = f"LIMIT {int(limit) + 1}" if limit is not None else ""
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT d.id, d.published_at, {facet_columns('d')}, "
            f"ts_rank(d.search_vector, {plan.tsquery_sql}) AS score "
            f"FROM search_searchentry d WHERE {where} {bound}) "
            f"SELECT GROUPING({FACET_COLUMNS}), {FACET_COLUMNS}, count(*), "
            "(SELECT array_agg(id ORDER BY score DESC, published_at DESC, id) FROM "
            "(SELECT id, score, published_at FROM m "
            "ORDER BY score DESC, published_at DESC, id LIMIT %s OFFSET %s) page) "
            f"FROM m {GROUPING_SETS}",
            [*plan.tsquery_params, *params, query.page_size, query.offset],
        )
        rows = cursor.fetchall()
        total, facets = facets_from(row[:-1] for row in rows)
        ids = (rows[0][-1] or []) if rows else []
        return total, facets, ids

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

    def _recent_ids(self, cursor, plan: QueryPlan, query: SearchQuery) -> list[int]:
        """A common word's page of hits: title matches first, each part newest first.

        Both parts walk the published_at index and stop after a page, so
        the cost does not grow with the number of matches.
        """
        where, params = plan.where(query)
        in_title = f"d.title_vector @@ {plan.tsquery_sql}"
        end = query.offset + query.page_size
        order = "ORDER BY d.published_at DESC, d.id DESC"
        cursor.execute(
            f"SELECT d.id FROM search_searchentry d WHERE {where} AND {in_title} {order} LIMIT %s",
            [*params, *plan.tsquery_params, end],
        )
        title_ids = [row[0] for row in cursor.fetchall()]
        if len(title_ids) >= end:
            return title_ids[query.offset : end]
        cursor.execute(
            f"SELECT d.id FROM search_searchentry d WHERE {where} AND NOT {in_title} {order} "
            "LIMIT %s OFFSET %s",
            [
                *params,
                *plan.tsquery_params,
                end - max(query.offset, len(title_ids)),
                max(0, query.offset - len(title_ids)),
            ],
        )
        return title_ids[query.offset :] + [row[0] for row in cursor.fetchall()]

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
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
        fields = [name.strip() for name in HIT_COLUMNS.split(",")][1:]
        return [Hit(**dict(zip(fields, rows[pk], strict=True))) for pk in ids if pk in rows]

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        words = [word for word in fold(prefix).split() if word.isalnum()]
        if not words:
            return []
        # Whole words for all but the last, a prefix for the word being typed.
        operands = [quote_lexeme(word) for word in words[:-1]]
        operands.append(quote_lexeme(words[-1]) + ":*")
        visibility, params = visibility_sql(viewer)
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT title, url, kind, key FROM search_searchentry "
                "WHERE search_vector @@ to_tsquery('simple', %s) "
                f"AND kind = ANY(%s) AND {visibility} "
                "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, "
                "published_at DESC LIMIT %s",
                [" & ".join(operands), list(Kind.SUGGESTED), *params, " & ".join(operands), limit],
            )
            return [
                Suggestion(title=t, url=u, kind=k, key=key) for t, u, k, key in cursor.fetchall()
            ]


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
