"""Notifications benchmark: one news event fanned out to the followers of one project, then
every mail sent through a local SMTP sink.

Creates a throw-away database (bench_notifications) and migrates it; a
setup process bulk-inserts the accounts (verified addresses) that follow one
public project; a second, fresh process records one news event and times
``notifications.fanout.fan_out`` (its peak memory is that process's
``ru_maxrss``, with the figure before the fan-out beside it); then an
aiosmtpd sink runs as its own process on its own port and ``--senders``
processes run ``send_due_deliveries`` at once (rows claimed with ``SKIP
LOCKED``). It reports fan-out seconds, peak memory, mails per second, and
checks in the sink that every follower got exactly one mail. Never part of
the test suite; output is printed, not committed.

    python bench/notifications/run.py [--followers 10000] [--senders 4]
    python bench/notifications/run.py --followers 100000   # the README figures
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE = "bench_notifications"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
UNUSABLE = "!"  # an unusable password hash: nobody signs in as a bench follower
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "17325"))


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CACHE_KEY_PREFIX": "bench-notifications",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "EMAIL_USE_TLS": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "PORTAL_REQUIRE_ADMIN_MFA": "false",
    }


def admin_sql(*statements) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def step(env, *args, capture=False) -> str:
    result = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


# --- inside the Django processes ----------------------------------------------------------


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup_data(followers: int) -> dict:
    from allauth.account.models import EmailAddress
    from wagtail.models import Page, Site

    from accounts.models import User
    from departments.models import Department
    from notifications.models import Follow, FollowTarget
    from pages.models import HomePage, ProjectIndexPage, ProjectPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Mitreden", slug="mitreden", intro="Bench"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
    unit = Department.objects.create(name="Fachbereich Verkehr")
    project = index.add_child(
        instance=ProjectPage(title="Radverkehr", slug="radverkehr", teaser="Bench", department=unit)
    )
    started = time.perf_counter()
    chunk = 5000
    for first in range(0, followers, chunk):
        numbers = range(first, min(first + chunk, followers))
        users = User.objects.bulk_create(
            [
                User(username=f"f{n}", email=f"f{n}@bench.example", password=UNUSABLE)
                for n in numbers
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users]
        )
        Follow.objects.bulk_create(
            [Follow(user=u, target=FollowTarget.PROJECT, target_id=project.pk) for u in users]
        )
    return {"project": project.pk, "insert_seconds": round(time.perf_counter() - started, 1)}


def fan_out_once(project_id: int) -> dict:
    import uuid

    from django.utils import timezone

    from notifications.fanout import fan_out
    from notifications.models import Delivery, Event, EventKind, Notification

    event = Event.objects.create(
        kind=EventKind.NEWS,
        key=f"news:{uuid.uuid4()}",
        page_id=project_id,
        title="Baustart im Mai",
        summary="Ab Mai wird gebaut.",
        url="/projekte/radverkehr/",
        occurred_at=timezone.now(),
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    reached = fan_out(event.pk)
    seconds = time.perf_counter() - started
    return {
        "reached": reached,
        "notifications": Notification.objects.count(),
        "deliveries": Delivery.objects.count(),
        "fan_out_seconds": round(seconds, 2),
        "rss_before_mb": round(before / 1024, 1),
        "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def send() -> dict:
    from notifications.delivery import send_due_deliveries

    return {"handled": send_due_deliveries.call()}


def delivery_counts() -> dict:
    from django.db.models import Count

    from notifications.models import Delivery

    return dict(Delivery.objects.values_list("status").annotate(n=Count("pk")))


def inner(args) -> None:
    django_setup()
    if args.inner == "setup":
        print(json.dumps(setup_data(args.followers)))
    elif args.inner == "fanout":
        print(json.dumps(fan_out_once(args.project)))
    elif args.inner == "send":
        print(json.dumps(send()))
    elif args.inner == "counts":
        print(json.dumps(delivery_counts()))


# --- the driver ---------------------------------------------------------------------------


def last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def run_senders(env, senders: int) -> float:
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [PYTHON, __file__, "--inner", "send"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        for _ in range(senders)
    ]
    for process in processes:
        if process.wait() != 0:
            raise SystemExit("a sender failed")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args)
        return
    env = environment()
    admin_sql(
        f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {DATABASE} TEMPLATE template0",
    )
    output = Path(tempfile.mkdtemp()) / "sink.json"
    sink = None
    try:
        step(env, "manage.py", "migrate", "--no-input", "-v", "0")
        data = last_json(
            step(
                env, __file__, "--inner", "setup", "--followers", str(args.followers), capture=True
            )
        )
        fan = last_json(
            step(
                env, __file__, "--inner", "fanout", "--project", str(data["project"]), capture=True
            )
        )
        sink = subprocess.Popen(
            [PYTHON, str(Path(__file__).with_name("sink.py")), str(SMTP_PORT), str(output)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert sink.stdout.readline().strip() == "ready"
        send_seconds = run_senders(env, args.senders)
        sink.terminate()
        sink.wait(timeout=60)
        received = json.loads(output.read_text())
        counts = last_json(step(env, __file__, "--inner", "counts", capture=True))
    finally:
        if sink is not None and sink.poll() is None:
            sink.kill()
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    recipients = received["recipients"]
    exactly_once = len(recipients) == args.followers and set(recipients.values()) == {1}
    print(
        f"notifications: {args.followers:,} followers (inserted in {data['insert_seconds']} s); "
        f"fan-out {fan['fan_out_seconds']} s for {fan['notifications']:,} notifications and "
        f"{fan['deliveries']:,} queued mails; peak RSS {fan['rss_peak_mb']} MB "
        f"({fan['rss_before_mb']} MB before the fan-out); sent with {args.senders} senders in "
        f"{send_seconds:.1f} s = {received['messages'] / send_seconds:.0f} mails/s; sink received "
        f"{received['messages']:,} mails for {len(recipients):,} recipients, "
        f"each exactly once: {'yes' if exactly_once else 'NO'}; outbox {counts}"
    )
    if not exactly_once:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
