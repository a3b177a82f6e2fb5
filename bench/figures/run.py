"""Figures benchmark: the city dashboard over 500 projects, 1M comments and 2M ballots.

Creates a throw-away database (bench_figures), migrates it, then (in a
second process with production settings) builds 500 projects in a unit tree
with the ORM and fills comments, official answers, supports, reports,
moderation decisions and ballots with ``INSERT ... SELECT generate_series``
(seconds, not hours). Each project's contributions fall into its own
60-day participation phase between 2024 and 2026, each poll's ballots into
its 30 days. It then rebuilds the rollups (``figures.rollup.refresh``, timed
once) and times, over several runs, (1) every query the city dashboard runs
(``figures_for`` without filter) and (2) the whole admin view rendered
through Django's test client as a superuser, and prints median and p95.
Never part of the test suite.

    .venv/bin/python bench/figures/run.py [--runs 20] [--comments 1000000] [--ballots 2000000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
DATABASE = "bench_figures"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STATIC_ROOT = os.environ.get(
    "BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "figures-static")
)
PROJECTS = 500
POLLS = 1000


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "CACHE_KEY_PREFIX": "bench-figures",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": STATIC_ROOT,
        # The benchmark signs in with the test client; the second factor is not what it measures.
        "PORTAL_REQUIRE_ADMIN_MFA": "false",
    }


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def manage(env, *args) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


# --- inside the Django process ------------------------------------------------------------


def build_projects():
    import datetime

    from wagtail.models import Page, Site

    from departments.models import Department
    from pages.models import HomePage, ProjectIndexPage, ProjectPage, ProjectPhase

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Mitreden", slug="mitreden", intro="Bench"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
    teams = []
    for d in range(3):
        dezernat = Department.objects.create(name=f"Dezernat {d}", kind="dezernat")
        for f in range(3):
            area = Department.objects.create(name=f"Fachbereich {d}.{f}", parent=dezernat)
            teams += [area] + [
                Department.objects.create(name=f"Team {d}.{f}.{t}", kind="team", parent=area)
                for t in range(2)
            ]
    first = datetime.date(2024, 1, 1)
    for number in range(PROJECTS):
        project = index.add_child(
            instance=ProjectPage(
                title=f"Projekt {number}",
                slug=f"projekt-{number}",
                teaser="Bench",
                department=teams[number % len(teams)],
            )
        )
        start = first + datetime.timedelta(days=(number * 2) % 1000)
        ProjectPhase.objects.create(
            page=project,
            title="Beteiligung",
            start_date=start,
            end_date=start + datetime.timedelta(days=59),
            allows_participation=True,
        )
    return home


FILL = """
CREATE TEMP TABLE bench_project AS
  SELECT row_number() OVER (ORDER BY p.page_ptr_id) - 1 AS n, p.page_ptr_id AS page_id,
         (ph.start_date::timestamp AT TIME ZONE 'Europe/Berlin') AS opens
  FROM pages_projectpage p JOIN pages_projectphase ph ON ph.page_id = p.page_ptr_id;
INSERT INTO polls_poll (title, description, opens_at, closes_at, audience, anonymous_ballots,
    ballots_per_network, results_visibility, allow_ballot_change, publish_free_text,
    department_id, approval, approval_comment, created_at, updated_at)
  SELECT 'Umfrage ' || g, '', bp.opens, bp.opens + interval '30 days',
         CASE WHEN g %% 20 = 0 THEN 'staff' WHEN g %% 5 = 0 THEN 'registered' ELSE 'public' END,
         CASE WHEN g %% 5 = 0 OR g %% 20 = 0 THEN '' WHEN g %% 3 = 0 THEN 'per_network'
              ELSE 'per_browser' END,
         5, 'live', false, false, p.department_id, 'approved', '', now(), now()
  FROM generate_series(0, %(polls)s - 1) g
  JOIN bench_project bp ON bp.n = g %% %(projects)s
  JOIN pages_projectpage p ON p.page_ptr_id = bp.page_id;
INSERT INTO polls_pollplacement (poll_id, page_id)
  SELECT poll.id, bp.page_id
  FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM polls_poll) poll
  JOIN bench_project bp ON bp.n = poll.n %% %(projects)s;
INSERT INTO comments_comment (page_id, depth, author_id, anonymous_key, body, state,
    removal_reason, moderator_note, is_official, is_pinned, pin_on_restore, created_at,
    support_count, reply_count)
  SELECT bp.page_id, 1, NULL, md5((g %% 300000)::text) || md5('k' || (g %% 300000)),
         'Beitrag ' || g,
         CASE WHEN g %% 97 = 0 THEN 'pending' WHEN g %% 89 = 0 THEN 'removed'
              ELSE 'published' END,
         '', '', false, false, false,
         bp.opens + (g %% 5184000) * interval '1 second', 0, 0
  FROM generate_series(1, %(contributions)s) g
  JOIN bench_project bp ON bp.n = g %% %(projects)s;
INSERT INTO comments_comment (page_id, parent_id, root_id, depth, author_id, anonymous_key,
    body, state, removal_reason, moderator_note, is_official, is_pinned, pin_on_restore,
    created_at, support_count, reply_count)
  SELECT c.page_id, c.id, c.id, 2, NULL, '', 'Antwort der Stadt', 'published', '', '', true,
         false, false, c.created_at + (c.id %% 400) * interval '1 hour', 0, 0
  FROM comments_comment c WHERE c.id %% 49 = 0 AND c.state = 'published'
  LIMIT %(official)s;
INSERT INTO comments_support (comment_id, participant_key, created_at)
  SELECT c.id, md5('s' || c.id), c.created_at + interval '2 hours'
  FROM comments_comment c WHERE c.id %% 3 = 0 AND NOT c.is_official;
INSERT INTO comments_report (comment_id, participant_key, reason, details, created_at, resolved)
  SELECT c.id, md5('r' || c.id), 'spam', '', c.created_at + interval '1 hour', c.id %% 2 = 0
  FROM comments_comment c WHERE c.id %% 89 = 0;
INSERT INTO comments_moderationlogentry (comment_id, moderator_id, action, from_state, note,
    created_at)
  SELECT c.id, (SELECT min(id) FROM accounts_user), 'remove', 'published', '',
         c.created_at + (1 + c.id %% 30) * interval '1 hour'
  FROM comments_comment c WHERE c.state = 'removed';
INSERT INTO polls_ballot (poll_id, participant_key, user_id, voter_kind, network_hash,
    network_ballot_count, public_id, created_at, updated_at)
  SELECT poll.id, md5('b' || (g / %(polls)s %% 400000)::text) || md5((g / %(polls)s)::text),
         NULL,
         CASE WHEN poll.audience = 'staff' THEN 'staff'
              WHEN poll.audience = 'registered' OR g %% 4 = 0 THEN 'registered'
              ELSE 'anonymous' END,
         '', NULL, gen_random_uuid(),
         poll.opens_at + (g %% 2592000) * interval '1 second', now()
  FROM generate_series(1, %(ballots)s) g
  JOIN (SELECT id, audience, opens_at, row_number() OVER (ORDER BY id) - 1 AS n
        FROM polls_poll) poll ON poll.n = g %% %(polls)s;
ANALYZE;
"""


def fill(contributions: int, ballots: int) -> None:
    from django.db import connection, transaction

    from accounts.models import User

    User.objects.create_user(username="moderation", email="moderation@example.org")
    parameters = {
        "polls": POLLS,
        "projects": PROJECTS,
        "contributions": contributions - contributions // 50,
        "official": contributions // 50,
        "ballots": ballots,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in FILL.split(";\n"):
            if statement.strip():
                cursor.execute(statement, parameters)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(runs, func):
    func()  # warm caches and connections
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
    }


def inner(args) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from comments.models import Comment
    from figures.queries import FigureFilter, figures_for
    from figures.rollup import refresh
    from polls.models import Ballot

    started = time.perf_counter()
    build_projects()
    fill(args.comments, args.ballots)
    load_seconds = time.perf_counter() - started
    run = refresh()
    admin = User.objects.create_superuser(username="bench", email="bench@example.org")
    client = Client()
    client.force_login(admin)

    def view():
        response = client.get("/cms/auswertung/")
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as queries:
        figures = figures_for(FigureFilter())
    return {
        "projects": PROJECTS,
        "comments": Comment.objects.count(),
        "ballots": Ballot.objects.count(),
        "load_seconds": round(load_seconds, 1),
        "refresh_seconds": round(run.seconds, 1),
        "dashboard_queries": len(queries),
        "contributions_counted": figures.totals["comments"],
        "runs": args.runs,
        "figures": timed(args.runs, lambda: figures_for(FigureFilter())),
        "admin_view": timed(args.runs, view),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--ballots", type=int, default=2_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the bench_figures database")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        print(json.dumps(inner(args)))
        return
    env = environment()
    recreate_database()
    try:
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        result = subprocess.run(
            [str(BIN / "python"), __file__, "--inner", *sys.argv[1:]],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"figures: {summary['projects']} projects, {summary['comments']:,} comments, "
            f"{summary['ballots']:,} ballots (loaded in {summary['load_seconds']} s, rollup "
            f"refresh {summary['refresh_seconds']} s); city dashboard over {summary['runs']} "
            f"runs: figures ({summary['dashboard_queries']} queries) median "
            f"{summary['figures']['median_ms']} ms, p95 {summary['figures']['p95_ms']} ms; "
            f"whole admin view median {summary['admin_view']['median_ms']} ms, p95 "
            f"{summary['admin_view']['p95_ms']} ms"
        )
    finally:
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
