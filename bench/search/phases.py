"""The benchmark's settings, and the phases that fill and index its database.

Each phase runs in its own process (see run.py) and prints one RESULT line.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "bench_search"
PORT = os.environ.get("BENCH_PG_PORT", "5432")
ADMIN_URL = f"postgres://postgres@127.0.0.1:{PORT}/postgres"
# A PostgreSQL configured as a production server with this machine's memory
# would be (see README); --own-server starts one on port 5433 for the run.
SERVER_SETTINGS = {
    "shared_buffers": "2GB",
    "effective_cache_size": "12GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "random_page_cost": "1.1",
    "max_wal_size": "4GB",
    "jit": "off",
}
PG_BIN = Path("/usr/lib/postgresql/15/bin")
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORT}/{DATABASE}",
    "SECRET_KEY": "bench-only-key-" + "x" * 40,
    "ALLOWED_HOSTS": "localhost",
    "REDIS_URL": "redis://127.0.0.1:6379/10",
    "WAGTAILADMIN_BASE_URL": "http://localhost",
    "EMAIL_HOST": "localhost",
    "DATABASE_CONN_MAX_AGE": "600",
}


def django_setup():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(data: dict) -> None:
    print("RESULT " + json.dumps(data), flush=True)


def setup(documents: int) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    django_setup()
    from django.core.management import call_command
    from django.db import connection
    from rich.progress import Progress

    from bench.search.corpus import Corpus

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    columns = (
        "kind, title, body, author, project_id, project_title, department_id, district_id, "
        "topic_ids, published_at"
    )
    with Progress() as progress, connection.cursor() as cursor:
        task = progress.add_task("Generating contributions", total=documents)
        corpus = iter(Corpus(seed=1))
        remaining = documents
        while remaining:
            batch = min(remaining, 10_000)
            with cursor.copy(f"COPY searchbench_contribution ({columns}) FROM STDIN") as copy:
                for _ in range(batch):
                    c = next(corpus)
                    copy.write_row(
                        (
                            c.kind,
                            c.title,
                            c.body,
                            c.author,
                            c.project_id,
                            c.project_title,
                            c.department_id,
                            c.district_id,
                            json.dumps(c.topic_ids),
                            c.published_at,
                        )
                    )
            remaining -= batch
            progress.advance(task, batch)
        cursor.execute("ANALYZE searchbench_contribution")
    report(
        {"phase": "setup", "seconds": time.perf_counter() - started, "peak_mb": peak_memory_mb()}
    )


def index() -> None:
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("reindex", verbosity=1)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry'), "
            "pg_total_relation_size('search_lexeme')"
        )
        table_bytes, lexicon_bytes = cursor.fetchone()
    report(
        {
            "phase": "index",
            "seconds": seconds,
            "peak_mb": peak_memory_mb(),
            "table_mb": table_bytes / 2**20,
            "lexicon_mb": lexicon_bytes / 2**20,
        }
    )


def stock_index() -> None:
    django_setup()
    from rich.progress import Progress
    from wagtail.search.backends import get_search_backend

    from bench.searchbench.models import Contribution

    backend = get_search_backend()
    backend.reset_indexes()
    started = time.perf_counter()
    total = Contribution.objects.count()
    last_pk = 0
    with Progress() as progress:
        task = progress.add_task("Wagtail stock indexing", total=total)
        while True:
            batch = list(Contribution.objects.filter(pk__gt=last_pk).order_by("pk")[:2000])
            if not batch:
                break
            backend.add_bulk(Contribution, batch)
            last_pk = batch[-1].pk
            progress.advance(task, len(batch))
    report(
        {
            "phase": "stock-index",
            "seconds": time.perf_counter() - started,
            "peak_mb": peak_memory_mb(),
        }
    )
