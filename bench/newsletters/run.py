"""Newsletter benchmark: queue one newsletter for 100,000 recipients, streamed.

Creates a throw-away database (bench_newsletters), migrates it, then (in a
second process with production settings) makes the audience with
``INSERT ... SELECT generate_series``: confirmed e-mail subscribers and
accounts (10 %) that follow the newsletter list. It then times
``newsletters.services.queue_recipients`` (stream the audience in batches,
one outbox row per recipient), states the peak memory of Python objects
during it (tracemalloc, a second run) and the process's peak RSS, runs the
task once more to show that a second run queues nobody twice, and renders
a sample of the mails (the renderer the outbox worker calls). Mails per
second through SMTP are the notifications benchmark's. Never part of the
test suite.

    python bench/newsletters/run.py [--recipients 100000] [--render 1000] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "bench_newsletters"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "CACHE_KEY_PREFIX": "bench-newsletters",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }


def with_database(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if statement:
            connection.execute(statement)


def manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# --- inside the Django process ------------------------------------------------------------


def make_audience(recipients: int) -> None:
    from django.db import connection

    accounts = recipients // 10
    subscribers = recipients - accounts
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_subscriber (email, confirmed_at) "
            "SELECT 'leser' || n || '@example.org', now() FROM generate_series(1, %s) n",
            [subscribers],
        )
        cursor.execute(
            "INSERT INTO notifications_follow (subscriber_id, target, target_id, created_at) "
            "SELECT id, 'newsletter', 0, now() FROM notifications_subscriber",
        )
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    user_model = get_user_model()
    unusable = make_password(None)
    batch = [
        user_model(username=f"konto{n}", email=f"konto{n}@example.org", password=unusable)
        for n in range(accounts)
    ]
    user_model.objects.bulk_create(batch, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO notifications_follow (user_id, target, target_id, created_at) "
            "SELECT id, 'newsletter', 0, now() FROM accounts_user WHERE username LIKE 'konto%%'",
        )


def sending(newsletter):
    from newsletters.models import NewsletterStatus
    from notifications.models import Delivery

    Delivery.objects.filter(key__startswith=newsletter.key_prefix).delete()
    newsletter.status = NewsletterStatus.SENDING
    newsletter.save(update_fields=["status"])


def inner(args) -> dict:
    import django

    django.setup()
    from django.db import transaction

    from newsletters import services
    from newsletters.models import Newsletter
    from notifications.delivery import render
    from notifications.models import Delivery

    make_audience(args.recipients)
    newsletter = Newsletter.objects.create(
        subject="Benchmark",
        intro="Hundert­tausend Empfänger*innen.",
        body=[{"type": "text", "value": "<h2>Hallo</h2><p>Ein Absatz.</p>"}],
    )
    with transaction.atomic():
        services.start_sending(None, newsletter)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    sending(newsletter)
    started = time.perf_counter()
    services.queue_recipients(newsletter.pk)
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queued = Delivery.objects.filter(key__startswith=newsletter.key_prefix).count()

    sending(newsletter)
    tracemalloc.start()
    services.queue_recipients(newsletter.pk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    newsletter.refresh_from_db()
    newsletter.status = "sending"
    newsletter.save(update_fields=["status"])
    started = time.perf_counter()
    services.queue_recipients(newsletter.pk)
    again_seconds = time.perf_counter() - started
    after_rerun = Delivery.objects.filter(key__startswith=newsletter.key_prefix).count()

    rows = list(Delivery.objects.filter(key__startswith=newsletter.key_prefix)[: args.render])
    started = time.perf_counter()
    for row in rows:
        render(row)
    render_seconds = time.perf_counter() - started
    return {
        "recipients": args.recipients,
        "queued": queued,
        "after_second_run": after_rerun,
        "seconds": round(seconds, 2),
        "rows_per_second": round(queued / seconds),
        "second_run_seconds": round(again_seconds, 2),
        "python_peak_mib": round(peak / 2**20, 1),
        "rss_peak_mib": round(max(rss_before, rss_after) / 1024, 1),
        "rss_growth_mib": round((rss_after - rss_before) / 1024, 1),
        "rendered": len(rows),
        "renders_per_second": round(len(rows) / render_seconds) if rows else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--render", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the bench_newsletters database")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(inner(args)))
        return
    env = environment()
    with_database(f"CREATE DATABASE {DATABASE} TEMPLATE template0")
    try:
        manage(env, "migrate", "--no-input", "-v", "0")
        result = subprocess.run(
            [sys.executable, __file__, "--inner", *sys.argv[1:]],
            cwd=ROOT,
            env={**env, "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])},
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            "newsletter: {queued} of {recipients} recipients queued in {seconds} s "
            "({rows_per_second} rows/s); second run {second_run_seconds} s, still "
            "{after_second_run} rows; Python peak {python_peak_mib} MiB (tracemalloc), "
            "process peak RSS {rss_peak_mib} MiB (+{rss_growth_mib} MiB while queueing); "
            "{rendered} mails rendered at {renders_per_second}/s".format(**summary)
        )
    finally:
        if not args.keep:
            with_database("")


if __name__ == "__main__":
    main()
