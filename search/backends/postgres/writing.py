"""Writing the search table: single updates from the outbox, and full rebuilds."""

import queue
import threading
from collections.abc import Iterable

from django.db import connection, transaction

from search.backends.base import IndexWriter, RebuildSession
from search.documents import SearchDocument

from .errors import outage_guarded
from .schema import (
    ENTRY_COLUMNS,
    VECTOR_COLUMNS,
    copy_indexes,
    create_like,
    entry_values,
    vector_values,
    vectors_sql,
)

STAGING_TABLES = ("search_staging", "search_searchentry_next", "search_lexeme_next")


class TableWriter(IndexWriter):
    """Writes into the table a rebuild is filling (before it is swapped in)."""

    def __init__(self, backend, table: str):
        self.backend, self.table = backend, table

    def upsert(self, documents: list[SearchDocument]) -> None:
        self.backend.upsert_into(self.table, documents, lexicon=False)

    def delete(self, keys: list[str]) -> None:
        self.backend.delete_from(self.table, keys)


class WritingMixin:
    def upsert(self, documents: list[SearchDocument]) -> None:
        self.upsert_into("search_searchentry", documents)

    def upsert_into(self, table: str, documents: list[SearchDocument], lexicon=True) -> None:
        if not documents:
            return
        columns = ", ".join(ENTRY_COLUMNS)
        placeholders = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in ENTRY_COLUMNS[1:])
        sql = (
            f"INSERT INTO {table} ({columns}, {VECTOR_COLUMNS}) "
            f"VALUES ({placeholders}, {vectors_sql('%s', '%s', '%s')}) "
            f"ON CONFLICT (key) DO UPDATE SET {updates}, "
            "search_vector = EXCLUDED.search_vector, title_vector = EXCLUDED.title_vector, "
            "topic_array = EXCLUDED.topic_array"
        )
        rows = []
        for document in documents:
            topics = sorted(document.topic_ids)
            rows.append([*entry_values(document), *vector_values(document), topics])
        keys = [document.key for document in documents]
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            if not lexicon:  # a rebuild builds its lexicon after the swap
                return
            # New stems join the lexicon; counts are refreshed by a rebuild.
            cursor.execute(
                "INSERT INTO search_lexeme (lexeme, ndoc) "
                "SELECT DISTINCT unnest(tsvector_to_array(search_vector)), 1 "
                "FROM search_searchentry WHERE key = ANY(%s) "
                "ON CONFLICT (lexeme) DO NOTHING",
                [keys],
            )

    def delete(self, keys: list[str]) -> None:
        self.delete_from("search_searchentry", keys)

    def delete_from(self, table: str, keys: list[str]) -> None:
        if keys:
            with outage_guarded(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE key = ANY(%s)", [list(keys)])

    def discard_rebuild(self, target: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(STAGING_TABLES)}")

    def ping(self) -> None:
        with outage_guarded(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM search_searchentry LIMIT 1")

    def rebuild(
        self, batches: Iterable[list[SearchDocument]], session: RebuildSession | None = None
    ) -> int:
        """Builds a complete new table beside the live one, then swaps them.

        Searches keep using the live table until the swap, which holds its
        lock for milliseconds. Indexes are built once after loading, which
        is far faster than updating them row by row. Outside a transaction
        the load is pipelined: this process prepares the next batch while
        a second connection turns the previous one into tsvectors.
        """
        session = session or RebuildSession()
        progress = session.progress
        session.staging("search_searchentry_next")
        with connection.cursor() as cursor:
            # GIN builds are several times faster with room to sort in memory.
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(STAGING_TABLES)}")
            cursor.execute(
                "CREATE UNLOGGED TABLE search_staging AS "
                f"SELECT {', '.join(ENTRY_COLUMNS)}, ''::text AS vector_text, "
                "''::text AS title_vector_text, '{}'::integer[] AS topic_ids_array, 0 AS batch "
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
            # The unique key exists now: changes made while loading are upserted.
            session.catch_up(TableWriter(self, "search_searchentry_next"))
            cursor.execute("ANALYZE search_searchentry_next")
            with transaction.atomic(), session.swapping():
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
            f"{vectors_sql('vector_text', 'title_vector_text', 'topic_ids_array')} "
            "FROM search_staging WHERE batch = %s",
            [batch_number],
        )
        cursor.execute("DELETE FROM search_staging WHERE batch = %s", [batch_number])

    def _load(self, cursor, batches, progress, after_copy) -> int:
        count = 0
        copy_columns = ", ".join(
            (*ENTRY_COLUMNS, "vector_text", "title_vector_text", "topic_ids_array", "batch")
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
