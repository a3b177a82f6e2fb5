"""PostgreSQL full-text search over the denormalised ``search_searchentry`` table.

Every row carries a weighted ``tsvector`` (title A, subtitle B, body C) of
its *folded* text (see ``search.text``), built with the ``german`` snowball
configuration and indexed with GIN. Around that:

* the lexicon ``search_lexeme`` (every stem in the index, with a trigram
  index) expands a query word to the compounds that contain it
  (``radweg`` -> ``fahrradwegenetz``) and, when a search finds nothing,
  to similarly spelt stems (typo tolerance);
* a stem is matched as a prefix too (``radweg:*``), which covers compounds
  that start with it and search-as-you-type;
* ranking is ``ts_rank`` with the weights, recency breaking ties. A very
  frequent word would make PostgreSQL rank every match before LIMIT; when
  more than ``RANKED_MATCHES_LIMIT`` documents match, only the newest
  ``RANK_WINDOW`` are ranked, via the ``published_at`` index (see ``_hits``).
"""

import json
import queue
import threading
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from search.backends.base import SearchBackend, SearchQuery, Suggestion, Viewer
from search.documents import FacetValue, Hit, SearchDocument, SearchResults
from search.indexing import fingerprint
from search.text import edit_distance, fold

CONFIG = "german"
# Queries whose rarest word occurs in more documents than this are ranked
# among the newest RANK_WINDOW matches only (see module docstring).
# When more documents match than RANKED_MATCHES_LIMIT, only the newest
# RANK_WINDOW matches are ranked (see _hits).
RANKED_MATCHES_LIMIT = 5_000
RANK_WINDOW = 2_000
EXPANSIONS_PER_TERM = 12
MIN_EXPANSION_LENGTH = 4
MIN_PREFIX_LENGTH = 4
TYPO_CANDIDATES = 30
TYPO_VARIANTS = 3
FACET_VALUES = 20
FACETS = ("kind", "project", "department", "district", "topic", "year")

ENTRY_COLUMNS = (
    "key",
    "kind",
    "title",
    "subtitle",
    "body",
    "author",
    "url",
    "project_id",
    "project_title",
    "department_id",
    "district_id",
    "topic_ids",
    "year",
    "published_at",
    "audience",
    "group_ids",
    "search_text",
    "fingerprint",
    "indexed_at",
)
# Columns only the PostgreSQL backend has (see migration 0002).
VECTOR_COLUMNS = "search_vector, title_vector, topic_array"


def vectors_sql(a: str, b: str, c: str, topics: str) -> str:
    """SQL for the PostgreSQL-only columns from folded title (a), subtitle (b), body (c)."""
    return (
        f"setweight(to_tsvector('{CONFIG}', {a}), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', {b}), 'B') || "
        f"setweight(to_tsvector('{CONFIG}', {c}), 'C'), to_tsvector('{CONFIG}', {a}), {topics}"
    )


def entry_values(document: SearchDocument) -> list:
    now = timezone.now()
    return [
        document.key,
        document.kind,
        document.title,
        document.subtitle,
        document.body,
        document.author,
        document.url,
        document.project_id,
        document.project_title,
        document.department_id,
        document.district_id,
        json.dumps(sorted(document.topic_ids)),
        document.year,
        document.published_at,
        document.audience,
        json.dumps(sorted(document.group_ids)),
        "",
        fingerprint(document),
        now,
    ]


def vector_values(document: SearchDocument) -> list[str]:
    return [
        fold(document.title),
        fold(f"{document.subtitle} {document.project_title}"),
        fold(f"{document.body} {document.author}"),
    ]


def create_like(cursor, live: str, copy: str) -> None:
    """An empty table like ``live``: columns, defaults, storage and table options."""
    cursor.execute(
        f"CREATE TABLE {copy} (LIKE {live} INCLUDING DEFAULTS INCLUDING IDENTITY "
        "INCLUDING STORAGE INCLUDING COMPRESSION)"
    )
    cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [live])
    (options,) = cursor.fetchone()
    if options:
        cursor.execute(f"ALTER TABLE {copy} SET ({', '.join(options)})")


def copy_indexes(cursor, live: str, copy: str) -> list[str]:
    """Creates ``live``'s indexes and constraints on ``copy`` under temporary names.

    Returns the statements that give them the live names once ``live`` is
    gone, so that migrations keep finding the names they created.
    """
    renames = []
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')",
        [live],
    )
    constraints = cursor.fetchall()
    for name, definition in constraints:
        temporary = f"{name[:55]}_next"
        cursor.execute(f'ALTER TABLE {copy} ADD CONSTRAINT "{temporary}" {definition}')
        renames.append(f'ALTER TABLE {live} RENAME CONSTRAINT "{temporary}" TO "{name}"')
    constraint_names = {name for name, _definition in constraints}
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename = %s AND schemaname = current_schema()",
        [live],
    )
    for name, definition in cursor.fetchall():
        if name in constraint_names:
            continue
        temporary = f"{name[:55]}_next"
        on_live = f" ON {definition.split(' ON ', 1)[1].split(' USING ')[0]} USING "
        statement = definition.replace(f"INDEX {name} ON", f'INDEX "{temporary}" ON', 1).replace(
            on_live, f" ON {copy} USING ", 1
        )
        cursor.execute(statement)
        renames.append(f'ALTER INDEX "{temporary}" RENAME TO "{name}"')
    return renames


def quote_lexeme(lexeme: str) -> str:
    """A lexeme as a tsquery operand; quoting makes every character literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresSearchBackend(SearchBackend):
    name = "postgres"

    # Writing

    def upsert(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        columns = ", ".join(ENTRY_COLUMNS)
        placeholders = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in ENTRY_COLUMNS[1:])
        sql = (
            f"INSERT INTO search_searchentry ({columns}, {VECTOR_COLUMNS}) "
            f"VALUES ({placeholders}, {vectors_sql('%s', '%s', '%s', '%s')}) "
            f"ON CONFLICT (key) DO UPDATE SET {updates}, "
            "search_vector = EXCLUDED.search_vector, title_vector = EXCLUDED.title_vector, "
            "topic_array = EXCLUDED.topic_array"
        )
        # vectors_sql uses the folded title twice: weighted and for title_vector.
        rows = []
        for document in documents:
            title, subtitle, body = vector_values(document)
            topics = sorted(document.topic_ids)
            rows.append([*entry_values(document), title, subtitle, body, title, topics])
        keys = [document.key for document in documents]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            # New stems join the lexicon; counts are refreshed by a rebuild.
            cursor.execute(
                "INSERT INTO search_lexeme (lexeme, ndoc) "
                "SELECT DISTINCT unnest(tsvector_to_array(search_vector)), 1 "
                "FROM search_searchentry WHERE key = ANY(%s) "
                "ON CONFLICT (lexeme) DO NOTHING",
                [keys],
            )

    def delete(self, keys: list[str]) -> None:
        if keys:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_searchentry WHERE key = ANY(%s)", [list(keys)])

    def rebuild(self, batches: Iterable[list[SearchDocument]], progress=None) -> int:
        """Builds a complete new table beside the live one, then swaps them.

        Searches keep using the live table until the swap, which holds its
        lock for milliseconds. Indexes are built once after loading, which
        is far faster than updating them row by row. Outside a transaction
        the load is pipelined: this process prepares the next batch while
        a second connection turns the previous one into tsvectors.
        """
        with connection.cursor() as cursor:
            # GIN builds are several times faster with room to sort in memory.
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("DROP TABLE IF EXISTS search_staging, search_searchentry_next")
            cursor.execute(
                "CREATE UNLOGGED TABLE search_staging AS "
                f"SELECT {', '.join(ENTRY_COLUMNS)}, ''::text AS folded_a, ''::text AS folded_b, "
                "''::text AS folded_c, '{}'::integer[] AS topic_ids_array, 0 AS batch "
                "FROM search_searchentry WITH NO DATA"
            )
            create_like(cursor, "search_searchentry", "search_searchentry_next")
            if connection.in_atomic_block:
                # A second connection could not see this transaction's tables (tests).
                count = self._load(cursor, batches, progress, self._vectorize)
            else:
                count = self._load_pipelined(cursor, batches, progress)
            cursor.execute("DROP TABLE search_staging")
            renames = copy_indexes(cursor, "search_searchentry", "search_searchentry_next")
            cursor.execute("ANALYZE search_searchentry_next")
            with transaction.atomic():
                cursor.execute("LOCK TABLE search_searchentry IN ACCESS EXCLUSIVE MODE")
                cursor.execute("DROP TABLE search_searchentry")
                cursor.execute("ALTER TABLE search_searchentry_next RENAME TO search_searchentry")
                for statement in renames:
                    cursor.execute(statement)
            self.rebuild_lexicon(cursor)
            cursor.execute("RESET maintenance_work_mem")
        return count

    @staticmethod
    def _vectorize(cursor, batch_number: int) -> None:
        """Moves one staged batch into the new table, computing its tsvectors."""
        columns = ", ".join(ENTRY_COLUMNS)
        cursor.execute(
            f"INSERT INTO search_searchentry_next ({columns}, {VECTOR_COLUMNS}) "
            f"SELECT {columns}, "
            f"{vectors_sql('folded_a', 'folded_b', 'folded_c', 'topic_ids_array')} "
            "FROM search_staging WHERE batch = %s",
            [batch_number],
        )
        cursor.execute("DELETE FROM search_staging WHERE batch = %s", [batch_number])

    def _load(self, cursor, batches, progress, after_copy) -> int:
        count = 0
        copy_columns = ", ".join(
            (*ENTRY_COLUMNS, "folded_a", "folded_b", "folded_c", "topic_ids_array", "batch")
        )
        # One COPY per batch: building a batch queries the database, which
        # cannot happen on this connection while a COPY is open.
        for number, batch in enumerate(batches):
            with cursor.copy(f"COPY search_staging ({copy_columns}) FROM STDIN") as copy:
                for document in batch:
                    copy.write_row(
                        entry_values(document)
                        + vector_values(document)
                        + [sorted(document.topic_ids), number]
                    )
            after_copy(cursor, number)
            count += len(batch)
            if progress:
                progress(len(batch))
        return count

    def _load_pipelined(self, cursor, batches, progress) -> int:
        staged: queue.Queue = queue.Queue(maxsize=4)
        failure: list[BaseException] = []

        def vectorize_staged_batches():
            try:
                with connection.cursor() as own_cursor:  # this thread's own connection
                    while (number := staged.get()) is not None:
                        self._vectorize(own_cursor, number)
            except BaseException as error:  # handed to the loading thread
                failure.append(error)
                while staged.get() is not None:
                    pass
            finally:
                connection.close()

        worker = threading.Thread(target=vectorize_staged_batches, name="search-rebuild")
        worker.start()
        try:
            count = self._load(
                cursor, batches, progress, lambda _cursor, number: staged.put(number)
            )
        finally:
            staged.put(None)
            worker.join()
        if failure:
            raise failure[0]
        return count

    def rebuild_lexicon(self, cursor) -> None:
        """Every stem in the index with its document count, rebuilt beside and swapped in."""
        cursor.execute("DROP TABLE IF EXISTS search_lexeme_next")
        create_like(cursor, "search_lexeme", "search_lexeme_next")
        cursor.execute(
            "INSERT INTO search_lexeme_next (lexeme, ndoc) "
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_searchentry')"
        )
        renames = copy_indexes(cursor, "search_lexeme", "search_lexeme_next")
        cursor.execute("ANALYZE search_lexeme_next")
        with transaction.atomic():
            cursor.execute("LOCK TABLE search_lexeme IN ACCESS EXCLUSIVE MODE")
            cursor.execute("DROP TABLE search_lexeme")
            cursor.execute("ALTER TABLE search_lexeme_next RENAME TO search_lexeme")
            for statement in renames:
                cursor.execute(statement)

    def indexed_fingerprints(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT key, fingerprint FROM search_searchentry")
            return dict(cursor.fetchall())

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        with transaction.atomic(), connection.cursor() as cursor:
            # The GIN index is always the way in. Without this the planner may
            # scan the whole table for a common word, evaluating @@ on every
            # (often TOASTed) vector, which is many times slower.
            cursor.execute("SET LOCAL enable_seqscan = off")
            # JIT compiling these short queries costs more than it saves.
            cursor.execute("SET LOCAL jit = off")
            plan = QueryPlan.build(cursor, query)
            if plan is None:
                return SearchResults(hits=[], total=0, page=query.page, page_size=query.page_size)
            total, facets = self._scan(cursor, plan, query)
            did_you_mean = []
            if total == 0 and plan.stems:
                did_you_mean = plan.add_typo_variants(cursor)
                if did_you_mean:
                    total, facets = self._scan(cursor, plan, query)
            if not total:
                ids = []
            elif total > RANKED_MATCHES_LIMIT:
                ids = self._recent_ids(cursor, plan, query)
            else:
                ids = self._ranked_ids(cursor, plan, query)
            hits = self._load_hits(cursor, ids)
        return SearchResults(
            hits=hits,
            total=total,
            page=query.page,
            page_size=query.page_size,
            facets=facets,
            did_you_mean=did_you_mean,
            highlight_terms=plan.highlight_terms,
        )

    def _scan(self, cursor, plan: "QueryPlan", query: SearchQuery):
        """The total and all facets in one pass over the matches.

        Topics are grouped by their whole list (a document has a few, and
        there are few combinations) and spread to single topics here: much
        cheaper than unnesting every match's list in SQL.
        """
        where, params = plan.where(query)
        if not query.with_facets:
            cursor.execute(f"SELECT count(*) FROM search_searchentry d WHERE {where}", params)
            return cursor.fetchone()[0], {}
        cursor.execute(
            "SELECT GROUPING(kind, project_id, department_id, district_id, year, topic_array), "
            "kind, project_id, department_id, district_id, year, topic_array, count(*) "
            f"FROM search_searchentry d WHERE {where} GROUP BY GROUPING SETS "
            "((kind), (project_id), (department_id), (district_id), (year), (topic_array), ())",
            params,
        )
        total = 0
        counts: dict[str, Counter] = {name: Counter() for name in FACETS}
        for grouping, kind, project, department, district, year, topics, count in cursor.fetchall():
            # GROUPING() has one bit per column, set when the column is not grouped.
            if grouping == 0b111111:
                total = count
            elif grouping == 0b011111:
                counts["kind"][kind] += count
            elif grouping == 0b101111 and project is not None:
                counts["project"][str(project)] += count
            elif grouping == 0b110111 and department is not None:
                counts["department"][str(department)] += count
            elif grouping == 0b111011 and district is not None:
                counts["district"][str(district)] += count
            elif grouping == 0b111101:
                counts["year"][str(year)] += count
            elif grouping == 0b111110:
                for topic in topics or []:
                    counts["topic"][str(topic)] += count
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

    def _recent_ids(self, cursor, plan: "QueryPlan", query: SearchQuery) -> list[int]:
        """A very common word's page of hits: title matches first, each part newest first.

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

    def _ranked_ids(self, cursor, plan: "QueryPlan", query: SearchQuery) -> list[int]:
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
            "SELECT id, key, kind, title, url, published_at, author, project_id, project_title, "
            "department_id, subtitle, body FROM search_searchentry WHERE id = ANY(%s)",
            [ids],
        )
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
        hits = []
        for entry_id in ids:
            if entry_id not in rows:
                continue
            (key, kind, title, url, published_at, author, project_id, project_title,
             department_id, subtitle, body) = rows[entry_id]  # fmt: skip
            hits.append(
                Hit(
                    key=key,
                    kind=kind,
                    title=title,
                    url=url,
                    published_at=published_at,
                    author=author,
                    project_id=project_id,
                    project_title=project_title,
                    department_id=department_id,
                    subtitle=subtitle,
                    body=body,
                )
            )
        return hits

    def autocomplete(self, prefix: str, viewer: Viewer, limit: int = 8) -> list[Suggestion]:
        words = [word for word in fold(prefix).split() if word.isalnum()]
        if not words:
            return []
        # Whole words for all but the last, a prefix for the word being typed.
        operands = [quote_lexeme(word) for word in words[:-1]]
        operands.append(quote_lexeme(words[-1]) + ":*")
        visibility, params = visibility_sql(viewer)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT title, url, kind FROM search_searchentry "
                "WHERE search_vector @@ to_tsquery('simple', %s) "
                f"AND kind IN ('project', 'page', 'poll') AND {visibility} "
                "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, "
                "published_at DESC LIMIT %s",
                [" & ".join(operands), *params, " & ".join(operands), limit],
            )
            return [Suggestion(title=t, url=u, kind=k) for t, u, k in cursor.fetchall()]


def visibility_sql(viewer: Viewer, alias: str = "") -> tuple[str, list]:
    prefix = f"{alias}." if alias else ""
    if viewer.superuser:
        return "TRUE", []
    clauses = [f"{prefix}audience = 'public'"]
    params: list = []
    if viewer.authenticated:
        clauses.append(f"{prefix}audience = 'login'")
        if viewer.group_ids:
            clauses.append(
                f"({prefix}audience = 'groups' AND EXISTS (SELECT 1 FROM "
                f"jsonb_array_elements_text({prefix}group_ids) g WHERE g::bigint = ANY(%s)))"
            )
            params.append(list(viewer.group_ids))
    return "(" + " OR ".join(clauses) + ")", params


class QueryPlan:
    """The tsquery for one search, built from the parsed query and the lexicon."""

    def __init__(self, query: SearchQuery):
        self.query = query
        self.stems: dict[str, str] = {}
        self.alternatives: dict[str, list[str]] = {}
        self.known: set[str] = set()

    @classmethod
    def build(cls, cursor, query: SearchQuery) -> "QueryPlan | None":
        plan = cls(query)
        parsed = query.parsed
        if parsed.terms:
            cursor.execute(
                f"SELECT term, ts_lexize('{CONFIG}_stem', term) FROM unnest(%s::text[]) AS term",
                [parsed.terms],
            )
            # An empty result means a stop word: it cannot narrow the search.
            plan.stems = {term: stems[0] for term, stems in cursor.fetchall() if stems}
            plan.expand_compounds(cursor)
        if not plan.stems and not parsed.phrases:
            return None
        return plan

    def expand_compounds(self, cursor) -> None:
        """Finds, per stem, whether it is a known word and the compounds containing it."""
        stems = list(self.stems.values())
        self.alternatives = {stem: [] for stem in stems}
        self.known = set()
        cursor.execute(
            "SELECT stem, x.lexeme FROM unnest(%s::text[]) AS stem, LATERAL ("
            "SELECT lexeme FROM search_lexeme WHERE lexeme = stem OR "
            "(length(stem) >= %s AND lexeme LIKE '%%' || stem || '%%') "
            "ORDER BY lexeme = stem DESC, ndoc DESC LIMIT %s) x",
            [stems, MIN_EXPANSION_LENGTH, EXPANSIONS_PER_TERM + 1],
        )
        for stem, lexeme in cursor.fetchall():
            if lexeme == stem:
                self.known.add(stem)
            elif len(self.alternatives[stem]) < EXPANSIONS_PER_TERM:
                self.alternatives[stem].append(lexeme)

    def add_typo_variants(self, cursor) -> list[str]:
        """Adds stems from the lexicon within a small edit distance; returns them.

        Trigrams find candidates fast (GIN index); the edit distance then
        keeps real typos, swapped letters included ("winzrela" -> "winzerla").
        """
        found = []
        for stem in self.stems.values():
            if len(stem) < MIN_EXPANSION_LENGTH:
                continue
            cursor.execute(
                "SELECT lexeme FROM search_lexeme WHERE lexeme %% %s "
                "ORDER BY similarity(lexeme, %s) DESC, ndoc DESC LIMIT %s",
                [stem, stem, TYPO_CANDIDATES],
            )
            allowed = 1 if len(stem) < 6 else 2
            variants = [
                lexeme
                for (lexeme,) in cursor.fetchall()
                if lexeme != stem and edit_distance(lexeme, stem) <= allowed
            ][:TYPO_VARIANTS]
            self.alternatives[stem].extend(variants)
            found.extend(variants)
        return found

    @property
    def highlight_terms(self) -> list[str]:
        terms = list(self.stems.values())
        for alternatives in self.alternatives.values():
            terms.extend(alternatives)
        terms.extend(word for phrase in self.query.parsed.phrases for word in phrase)
        return terms

    def term_groups(self) -> str:
        groups = []
        for stem in self.stems.values():
            operands = [quote_lexeme(stem)]
            # A word nobody wrote is probably being typed: match it as a prefix.
            # Known words match exactly (plus their compounds): a prefix on a
            # common word would widen an already large result for nothing.
            if stem not in self.known and len(stem) >= MIN_PREFIX_LENGTH:
                operands[0] += ":*"
            operands += [quote_lexeme(lexeme) for lexeme in self.alternatives.get(stem, [])]
            groups.append("(" + " | ".join(operands) + ")")
        return " & ".join(groups)

    @property
    def tsquery_sql(self) -> str:
        parts = []
        if self.stems:
            parts.append("CAST(%s AS tsquery)")
        parts += [f"phraseto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.phrases)
        parts += [f"!! plainto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.excluded)
        parts += [f"!! phraseto_tsquery('{CONFIG}', %s)"] * len(self.query.parsed.excluded_phrases)
        return "(" + " && ".join(parts) + ")"

    @property
    def tsquery_params(self) -> list[str]:
        parsed = self.query.parsed
        params = [self.term_groups()] if self.stems else []
        params += [" ".join(phrase) for phrase in parsed.phrases]
        params += list(parsed.excluded)
        params += [" ".join(phrase) for phrase in parsed.excluded_phrases]
        return params

    def where(self, query: SearchQuery) -> tuple[str, list]:
        clauses = [f"d.search_vector @@ {self.tsquery_sql}"]
        params = list(self.tsquery_params)
        visibility, visibility_params = visibility_sql(query.viewer, alias="d")
        params += visibility_params
        clauses.append(visibility)
        filters = query.filters
        if filters.kinds:
            clauses.append("d.kind = ANY(%s)")
            params.append(list(filters.kinds))
        if filters.project_id is not None:
            clauses.append("d.project_id = %s")
            params.append(filters.project_id)
        if filters.department_ids:
            clauses.append("d.department_id = ANY(%s)")
            params.append(list(filters.department_ids))
        if filters.district_id is not None:
            clauses.append("d.district_id = %s")
            params.append(filters.district_id)
        if filters.topic_id is not None:
            clauses.append("d.topic_array @> ARRAY[%s]::integer[]")
            params.append(filters.topic_id)
        if filters.year is not None:
            clauses.append("d.year = %s")
            params.append(filters.year)
        return " AND ".join(clauses), params
