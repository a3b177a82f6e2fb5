"""pg_dump and pg_restore with the connection settings of ``DATABASES["default"]``.

The password travels in the environment of the child process (PGPASSWORD),
never on its command line, where every local user could read it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import connection
from psycopg import sql

# Connection settings libpq reads from the environment (Django name -> libpq name).
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class BackupError(Exception):
    """A backup or restore step that cannot go on; the message says why and what to do."""


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://…); this database is "
            f"{connection.vendor}. For a SQLite development database, stop the server and "
            "copy the file (db.sqlite3) and the media folder instead."
        )


def connection_parameters() -> dict[str, str]:
    """libpq keywords (host, port, user, password, dbname, ssl…) of the default database."""
    current = connection.settings_dict
    parameters = {
        "host": current.get("HOST") or "",
        "port": str(current.get("PORT") or ""),
        "user": current.get("USER") or "",
        "password": current.get("PASSWORD") or "",
        "dbname": current["NAME"],
    }
    for name in LIBPQ_OPTIONS:
        value = (current.get("OPTIONS") or {}).get(name)
        if value:
            parameters[name] = str(value)
    return {name: value for name, value in parameters.items() if value}


def libpq_environment(parameters: dict[str, str]) -> dict[str, str]:
    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        **LIBPQ_OPTIONS,
    }
    return {**os.environ, **{names[key]: value for key, value in parameters.items()}}


def run_tool(command: list[str], parameters: dict[str, str]) -> str:
    try:
        # The command is built here from constants and the configured database name.
        result = subprocess.run(  # noqa: S603
            command, env=libpq_environment(parameters), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) in the same major version as the server."
        ) from error
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def tool_version(tool: str) -> str:
    return run_tool([tool, "--version"], {}).strip()


def table_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> list[str]:
    cursor.execute("SELECT app || '.' || name FROM django_migrations ORDER BY app, name")
    return [row[0] for row in cursor.fetchall()]


@contextmanager
def snapshot() -> Iterator[tuple[str, psycopg.Cursor]]:
    """A read-only transaction whose snapshot pg_dump shares (``--snapshot``).

    The row counts in the manifest are read in the same snapshot as the dump,
    so they match it exactly even while the portal keeps writing.
    """
    with psycopg.connect(**connection_parameters()) as raw:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.transaction(), raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            yield cursor.fetchone()[0], cursor


def dump(path: Path, snapshot_id: str) -> None:
    parameters = connection_parameters()
    run_tool(
        [
            "pg_dump",
            "--format=custom",
            f"--snapshot={snapshot_id}",
            "--no-password",
            f"--file={path}",
            parameters["dbname"],
        ],
        parameters,
    )


def server_version(cursor) -> str:
    cursor.execute("SHOW server_version")
    return cursor.fetchone()[0]


def current_counts() -> dict[str, int]:
    with psycopg.connect(**connection_parameters()) as raw, raw.cursor() as cursor:
        return table_counts(cursor)


def restore(path: Path, *, clean: bool) -> None:
    """pg_restore in one transaction: a failed restore leaves the database as it was."""
    parameters = connection_parameters()
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        f"--dbname={parameters['dbname']}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    run_tool([*command, str(path)], parameters)
