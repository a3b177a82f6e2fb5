"""A small vote storm under faults: nothing acknowledged is lost, nothing stored twice.

Runs the harness of ``make bench-faults`` (bench/faults/run.py) with 200
ballots, 5 terminated database connections and one gunicorn worker killed
with SIGKILL, against a clone of the test database and a throw-away
redis-server. The longer storms (3,000 ballots, comments, Redis stopped)
are the benchmark's.
"""

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections

# Transactional: no transaction of the test holds the database open while it is cloned.
pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def migrated_template(transactional_db):
    """The (migrated) test database, with no session open on it, to clone from.

    Threads of earlier tests (live servers, concurrency tests) may have left
    their connections open; PostgreSQL clones only a database nobody uses.
    """
    name = connection.settings_dict["NAME"]
    connections.close_all()
    with psycopg.connect(dbname="postgres", **postgres_address(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
    return name


def postgres_address() -> dict:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"] or "postgres",
    }


def test_a_vote_storm_with_killed_connections_and_a_killed_worker_loses_nothing(
    migrated_template,
):
    result = subprocess.run(
        [
            sys.executable,
            "bench/faults/run.py",
            "--storms=votes",
            "--ballots=200",
            "--db-kills=5",
            "--worker-kills=1",
            "--clients=8",
            f"--template-database={migrated_template}",
            f"--database={migrated_template}_faults",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )

    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout + result.stderr
    fields = dict(part.split("=", 1) for part in summary.split() if "=" in part)
    assert fields["lost"] == "0"
    assert fields["duplicated"] == "0"
    assert fields["half-written"] == "0"
    assert fields["tallies-exact"] == "yes"
    outcomes = ("acknowledged", "already-voted", "failed")
    assert sum(int(fields[outcome]) for outcome in outcomes) == 200
    assert int(fields["acknowledged"]) > 0
    # The faults happened: connections were terminated and a worker was killed.
    assert fields["db-kills"] == "5"
    assert fields["worker-kills"] == "1"
    assert "connections terminated: 0)" not in summary
