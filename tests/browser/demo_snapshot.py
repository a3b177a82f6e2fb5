"""The demo content loaded once per test process, then put back before each test that needs it.

Loading the demo (``load_demo_content``) takes 10 to 20 seconds; copying its
rows back from a snapshot takes well under one. The snapshot is a copy of
every table pytest-django's flush empties, in a schema of its own in the
test database (``demo_snapshot``; the flush does not see it, as it is not on
the search path), and a copy of the media files the demo wrote.

``restore`` empties those tables and fills them from the snapshot in one
transaction, sets every sequence back to the snapshot's highest id (so each
test gets the same ids as the first), and gives the test a fresh copy of the
media. A test that writes still ends with the flush of every transactional
test; the next one starts from the same demo again, whatever came before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

SCHEMA = "demo_snapshot"


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


class DemoSnapshot:
    def __init__(self, media: Path):
        self.media = media
        self.tables: list[str] = []
        self._restore_sql = ""

    def take(self) -> None:
        """Copies what the database holds now (the freshly loaded demo) into the snapshot."""
        self.tables = sorted(
            connection.introspection.django_table_names(only_existing=True, include_views=False)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{_quoted(table)} AS TABLE {_quoted(table)}")
            self._restore_sql = self._build_restore_sql(cursor)

    def _build_restore_sql(self, cursor) -> str:
        cursor.execute(
            "SELECT table_name, column_name, "
            "column_default LIKE 'nextval(%%' OR is_identity = 'YES' "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND is_generated = 'NEVER' AND table_name = ANY(%s) "
            "ORDER BY table_name, ordinal_position",
            [self.tables],
        )
        columns: dict[str, list[str]] = {}
        sequenced: list[tuple[str, str]] = []
        for table, column, has_sequence in cursor.fetchall():
            columns.setdefault(table, []).append(_quoted(column))
            if has_sequence:
                sequenced.append((table, column))
        # DELETE, not TRUNCATE: the tables hold a few rows at most (the flush emptied them),
        # and TRUNCATE costs a new file per table. The foreign keys are checked at commit.
        # Table and column names come from the database's own catalogue, quoted.
        statements = ["SET CONSTRAINTS ALL DEFERRED"]
        statements += [f"DELETE FROM {_quoted(table)}" for table in self.tables]  # noqa: S608
        for table in self.tables:
            names, quoted = ", ".join(columns[table]), _quoted(table)
            copy = f"SELECT {names} FROM {SCHEMA}.{quoted}"  # noqa: S608
            statements.append(f"INSERT INTO {quoted} ({names}) OVERRIDING SYSTEM VALUE {copy}")
        for table, column in sequenced:
            quoted, name = _quoted(table), _quoted(column)
            highest = f"COALESCE(MAX({name}), 1), MAX({name}) IS NOT NULL"
            sequence = f"pg_get_serial_sequence('{quoted}', '{column}')"
            statements.append(f"SELECT setval({sequence}, {highest}) FROM {quoted}")  # noqa: S608
        return ";\n".join(statements)

    def restore(self, media_root: Path) -> None:
        """Puts the demo back as it was when taken; the media go to ``media_root``."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(self._restore_sql)
        # The flush recreated the content types under other ids; the snapshot's are back.
        ContentType.objects.clear_cache()
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
