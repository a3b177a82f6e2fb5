"""The portal under test: its database, its environment, manage.py, waiting for gunicorn."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "faults-static"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def environment(database: str, port: int, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "DATABASE_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "bench-faults",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "RATE_LIMIT_BALLOTS_PER_IP": "10000000/h",
        "RATE_LIMIT_BALLOTS_PER_PARTICIPANT": "10000000/h",
        "RATE_LIMIT_COMMENTS_PER_ACCOUNT": "10000000/h",
        "RATE_LIMIT_COMMENTS_PER_ACCOUNT_DAILY": "10000000/d",
        "RATE_LIMIT_COMMENTS_PER_IP": "10000000/h",
        "LOG_LEVEL": "CRITICAL",
        "STATIC_ROOT": STATIC_ROOT,
    }


def manage(env, *args) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout.strip()


def create_database(database: str, template: str | None) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(database), sql.Identifier(template or "template0")
            )
        )


def drop_database(database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )


def wait_until_up(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")
