"""CPU time per page, in-process, with production settings and the application caches off.

Sends each page N times (default 200) straight into the WSGI handler, as
gunicorn does, and prints the median ``time.process_time()`` per request in
milliseconds (CPU time: steadier on a busy machine than wall clock), the
Python function calls per request (cProfile's count: the same on every
run) and the SQL queries and Redis commands of one request. Rows: the
project page (anonymous and signed in), the start page, the project list,
and the project page answered from the portal's own page cache (a hit).
Needs the benchmark's database with the demo content (``bench/pages/run.py
--keep``, ``BENCH_DATABASE``) and the static files it collected:

    BENCH_DATABASE=bench_pages python bench/pages/cpu.py [--requests 200] [--profile ROW]

``--profile project`` prints cProfile's most expensive functions of that row
(``BENCH_SORT=tottime``; ``BENCH_PYINSTRUMENT=1``: pyinstrument's call tree).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.pages.servers import CACHE_OFF_ENV, RESULTS
from bench.pages.stack import production_environment, queries_and_redis_commands, wsgi_caller

PROJECT_TITLE = "Radverkehrskonzept Innenstadt"
READER = "bench-leserin"


def signed_in_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=READER))
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def page_cache_hit(path: str):
    """The page cache switched on for this row only (the other rows run without it)."""
    from django.conf import settings

    call = wsgi_caller(path)

    def hit():
        settings.PORTAL_PAGE_CACHE_SECONDS = 300
        try:
            headers = call()
        finally:
            settings.PORTAL_PAGE_CACHE_SECONDS = 0
        return headers

    hit()
    if hit().get("X-Page-Cache") != "HIT":
        raise SystemExit("the page cache did not answer the project page")
    return hit


def rows() -> dict:
    from wagtail.models import Site

    from pages.models import ProjectIndexPage, ProjectPage

    project = ProjectPage.objects.live().get(title=PROJECT_TITLE).url
    home = Site.objects.get(is_default_site=True).root_page.url
    projects = ProjectIndexPage.objects.live().first().url
    return {
        "project": wsgi_caller(project),
        "project-signed-in": wsgi_caller(project, signed_in_cookie()),
        "home": wsgi_caller(home),
        "projects": wsgi_caller(projects),
        "project-page-cache-hit": page_cache_hit(project),
    }


def median_cpu_ms(call, requests: int) -> float:
    for _ in range(min(20, requests)):
        call()
    timings = []
    for _ in range(requests):
        started = time.process_time_ns()
        call()
        timings.append(time.process_time_ns() - started)
    return statistics.median(timings) / 1e6


def python_calls(call, requests: int = 10) -> int:
    """Python function calls per request: repeatable on a busy machine, unlike any timing."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        call()
    profiler.disable()
    return round(pstats.Stats(profiler).total_calls / requests)


def profile(call, requests: int, top: int) -> str:
    if os.environ.get("BENCH_PYINSTRUMENT"):  # pip install pyinstrument (a tool, not a dependency)
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(requests):
            call()
        profiler.stop()
        return profiler.output_text(show_all=False, color=False)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        call()
    profiler.disable()
    out = io.StringIO()
    order = os.environ.get("BENCH_SORT", "cumulative")  # or tottime
    pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", default="", help="only rows whose name contains this")
    parser.add_argument("--profile", default="", help="cProfile the row with this name")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    os.environ.update(CACHE_OFF_ENV)
    # The static files and media run.py collected for its servers.
    os.environ.setdefault("BENCH_STATIC_ROOT", str(RESULTS / "static"))
    os.environ.setdefault("MEDIA_ROOT", str(RESULTS / "media"))
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")
    production_environment()
    import django

    django.setup()
    calls = rows()
    if args.profile:
        print(profile(calls[args.profile], args.requests, args.top))
        return
    print(f"{'row':<24} | {'median CPU ms':>13} | {'Python calls':>12} | {'queries':>7} | redis")
    for name, call in calls.items():
        if args.only in name:
            millis = median_cpu_ms(call, args.requests)
            queries, commands = queries_and_redis_commands(call)
            counted = ", ".join(f"{n} {c}" for c, n in sorted(Counter(commands).items()))
            calls_made = python_calls(call)
            print(
                f"{name:<24} | {millis:>13.2f} | {calls_made:>12,} | {queries:>7} | {counted}",
                flush=True,
            )


if __name__ == "__main__":
    main()
