"""The search table's columns and how tables are copied for a rebuild."""

import json

from django.utils import timezone

from search.analysis import tsvector_literal
from search.documents import SearchDocument
from search.indexing import fingerprint

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
    "page_path",
    "state",
    "search_text",
    "fingerprint",
    "indexed_at",
)
# Columns only the PostgreSQL backend has (see migration 0002).
VECTOR_COLUMNS = "search_vector, title_vector, topic_array"


def vectors_sql(vector: str, title_vector: str, topics: str) -> str:
    """SQL for the PostgreSQL-only columns from the vectors as text (``vector_values``)."""
    return f"CAST({vector} AS tsvector), CAST({title_vector} AS tsvector), {topics}"


def entry_values(document: SearchDocument) -> list:
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
        document.page_path,
        document.state,
        "",
        fingerprint(document),
        timezone.now(),
    ]


def vector_values(document: SearchDocument) -> list[str]:
    """The weighted vector (title A, subtitle B, body and author C) and the title's, as text.

    Built in Python by ``search.analysis``, the same lexemes every backend uses.
    """
    return [
        tsvector_literal(
            [
                (document.title, "A"),
                (document.subtitle, "B"),
                (f"{document.body} {document.author}", "C"),
            ]
        ),
        tsvector_literal([(document.title, "")]),
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
