"""What every request pays: the middleware stack, in-process, with production settings.

Sends N requests (default 2,000) for the no-query endpoint (``/robots.txt``,
through every middleware) and for ``/healthz/`` (answered by the first
middleware) and prints the median microseconds per request, twice: through
Django's test client (what the tests use) and straight into the WSGI handler
with a prepared environ (what gunicorn calls). It also counts SQL queries and
Redis commands per request: both must be 0. ``--profile`` prints cProfile's
most expensive functions for ``/robots.txt``. Needs no database contents; run
by ``bench/pages/run.py --stack`` or on its own:

    python bench/pages/stack.py [--requests 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

PATHS = ("/robots.txt", "/healthz/")


def production_environment() -> None:
    defaults = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{POSTGRES}/{os.environ.get('BENCH_DATABASE', 'bench_pages')}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_KEY_PREFIX": "bench-pages-stack",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": os.environ.get("BENCH_STATIC_ROOT", "/tmp/bench-pages-static"),
    }
    Path(defaults["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def wsgi_caller(path: str, cookie: str = ""):
    """A callable sending GET ``path`` into the WSGI handler (with ``cookie``); it returns
    the response headers and stops the run on any answer but 200."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    base = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "bench",
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if cookie:
        base["HTTP_COOKIE"] = cookie
    statuses: list[str] = []
    headers: list[list] = []

    def start_response(status, response_headers, exc_info=None):
        statuses.append(status)
        headers.append(response_headers)

    def call() -> dict:
        environ = dict(base)
        environ["wsgi.input"] = io.BytesIO(b"")
        body = application(environ, start_response)
        b"".join(body)
        body.close()
        if not statuses[-1].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[-1]}")
        return dict(headers[-1])

    return call


def client_caller(path: str):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")

    def call():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    return call


def median_micros(call, requests: int) -> float:
    for _ in range(50):
        call()
    timings = []
    for _ in range(requests):
        started = time.perf_counter_ns()
        call()
        timings.append(time.perf_counter_ns() - started)
    return statistics.median(timings) / 1000


def queries_and_redis_commands(call) -> tuple[int, list]:
    """The SQL queries (a count) and the Redis commands (their names) of one ``call``."""
    from unittest import mock

    import redis
    from django.db import connection

    commands, queries = [], []

    def counting_queries(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(args[0])
        return original(self, *args, **options)

    with (
        mock.patch.object(redis.Redis, "execute_command", counting),
        connection.execute_wrapper(counting_queries),
    ):
        call()
    return len(queries), commands


def profile(call, requests: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="cProfile /robots.txt (WSGI)")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    production_environment()
    import django

    django.setup()
    print(f"{'path':<12} | {'caller':<11} | {'median µs':>9} | {'queries':>7} | {'redis':>5}")
    for path in PATHS:
        for name, make in (("test client", client_caller), ("WSGI", wsgi_caller)):
            call = make(path)
            micros = median_micros(call, args.requests)
            queries, commands = queries_and_redis_commands(call)
            print(f"{path:<12} | {name:<11} | {micros:>9.0f} | {queries:>7} | {len(commands):>5}")
    if args.profile:
        print(profile(wsgi_caller("/robots.txt"), args.requests, args.top))


if __name__ == "__main__":
    main()
