"""Checks that the services the test suite needs answer, and says how to get them if not.

Run by ``make test`` before pytest, so that a missing PostgreSQL gives
instructions instead of a wall of connection errors.
"""

import os
import sys

import psycopg

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def database_url() -> str:
    return os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_URL


def check_postgres(url: str) -> str | None:
    if not url.startswith(("postgres://", "postgresql://")):
        return f"The tests need PostgreSQL, but the database URL is {url.split(':', 1)[0]}://…"
    try:
        with psycopg.connect(url, connect_timeout=3) as connection:
            version = connection.info.server_version
    except psycopg.Error as error:
        return f"PostgreSQL at {redact(url)} does not answer: {str(error).strip()}"
    if version < 150000:
        return f"PostgreSQL at {redact(url)} is version {version // 10000}; 15 or newer is needed."
    return None


def redact(url: str) -> str:
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"


HELP = """
The test suite runs against a real PostgreSQL (15 or newer). Either
  * start the local server:
      pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  * or point the tests at one:
      TEST_DATABASE_URL=postgres://user:password@host:5432/postgres make test
  * or start one with Docker:  docker compose up -d db  and
    TEST_DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal make test
The user needs the right to create databases (the tests create test_portal).
"""


def check_redis(url: str) -> str | None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis at {redact(url)} does not answer: {error}"
    return None


REDIS_HELP = """
The tests use a real Redis for the cache (rate limits must hold across processes). Either
  * start the local server:
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  * or point the tests at one:  TEST_REDIS_URL=redis://host:6379/15 make test
"""


def main() -> int:
    problem = check_postgres(database_url())
    if problem:
        print(problem, file=sys.stderr)
        print(HELP, file=sys.stderr)
        return 1
    problem = check_redis(os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15")
    if problem:
        print(problem, file=sys.stderr)
        print(REDIS_HELP, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
