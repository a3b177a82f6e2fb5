"""Proposals benchmark: the listing of one collection with 20,000 proposals and 200,000 supports.

Creates a throw-away database (bench_proposals), migrates it, then (in a
second process with production settings) builds one project with one idea
collection (8 categories, 12 districts), 20,000 proposals (``bulk_create``,
random ``shuffle_key`` as on submission, states skewed: 2 % "umgesetzt", 1 %
pending moderation) and about 200,000 supports with ``INSERT ... SELECT
generate_series`` (a long tail: most proposals have a few, some hundreds),
then sets ``support_count`` from the rows; nine in ten proposals have a point
spread over the city's box (``geojson.py``). It times the listing page through
Django's test client as an anonymous visitor (fixed seed in the session, so
the random order wraps half-way) for each order x (no filter, a category,
a district, the rare state) on the first page and on a deep keyset page (the
cursor at two thirds of the filtered list, after the wrap for the random
order), and prints median, p95 and the queries per page; then the GeoJSON
endpoint (whole collection, a box, a district; ``geojson.py``). With ``--explain``
it prints PostgreSQL's plan of each listing query (the throw-away check that
no order falls back to sorting the collection). Finally 1,000 accounts
support one proposal at once over 30 connections (``services.support``) and
it reports the throughput and whether the counter equals the rows. Never
part of the test suite.

    .venv/bin/python bench/proposals/run.py [--runs 50] [--proposals 20000] [--explain]
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

from geojson import geojson_cases, located, report_geojson
from race import concurrent_supports

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the virtualenv that runs this script
DATABASE = os.environ.get("BENCH_PROPOSALS_DATABASE", "bench_proposals")
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STATIC_ROOT = os.environ.get(
    "BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "proposals-static")
)
SEED = "8" + "0" * 15  # the middle of the key space: the random order wraps half-way


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CACHE_KEY_PREFIX": "bench-proposals",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": STATIC_ROOT,
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


def build_collection():
    import datetime

    from django.utils import timezone
    from wagtail.models import Page, Site

    from departments.models import Department
    from pages.models import District, HomePage, ProjectIndexPage, ProjectPage, Topic
    from proposals.models import IdeaCollection

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Mitreden", slug="mitreden", intro="Bench"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = home.add_child(instance=ProjectIndexPage(title="Projekte", slug="projekte"))
    department = Department.objects.create(name="Bürgerbeteiligung", kind="team")
    project = index.add_child(
        instance=ProjectPage(
            title="Ideen für Jena", slug="ideen", teaser="Bench", department=department
        )
    )
    today = timezone.localdate()
    collection = IdeaCollection.objects.create(
        page=project,
        title="Ideen für Jena",
        submissions_start=today - datetime.timedelta(days=30),
        submissions_end=today + datetime.timedelta(days=30),
        supports_until=today + datetime.timedelta(days=60),
        support_threshold=200,
    )
    topics = [Topic.objects.create(name=f"Thema {number}") for number in range(8)]
    collection.topics.set(topics)
    districts = [District.objects.create(name=f"Ortsteil {number}") for number in range(12)]
    return collection, topics, districts


def state_of(number: int) -> str:
    share = number % 100
    if share < 2:
        return "umgesetzt"
    if share < 10:
        return "nicht_umsetzbar"
    if share < 20:
        return "umsetzbar"
    return "in_pruefung" if share < 40 else "eingereicht"


SUPPORTS = """
CREATE TEMP TABLE bench_proposal AS
  SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM proposals_proposal
  WHERE collection_id = %(collection)s;
CREATE TEMP TABLE bench_user AS
  SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM accounts_user;
INSERT INTO proposals_support (proposal_id, user_id, created_at)
  SELECT p.id, u.id, now() - (k %% 1000) * interval '1 minute'
  FROM bench_proposal p
  CROSS JOIN LATERAL generate_series(
    0, 4 + floor(%(tail)s * power(((p.n * 0.6180339887) %% 1), 99))::int - 1) k
  JOIN bench_user u ON u.n = (p.n + k * 7) %% %(users)s;
UPDATE proposals_proposal p SET support_count = s.count
  FROM (SELECT proposal_id, count(*) AS count FROM proposals_support GROUP BY proposal_id) s
  WHERE s.proposal_id = p.id;
-- The discussion's counter (the listing reads only the counter): a long tail too.
UPDATE proposals_proposal p
  SET comment_count = floor(40 * power(((b.n * 0.7548776662) %% 1), 6))::int
  FROM bench_proposal b WHERE b.id = p.id;
ANALYZE;
"""


def fill(collection, topics, districts, proposals: int, users: int) -> None:
    import datetime

    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import User
    from proposals.models import Moderation, Proposal

    User.objects.bulk_create(
        User(username=f"buerger-{n}", email=f"b{n}@example.org", display_name=f"Bürger {n}")
        for n in range(users)
    )
    authors = list(User.objects.values_list("pk", flat=True)[:500])
    start = timezone.now() - datetime.timedelta(days=30)
    Proposal.objects.bulk_create(
        (
            Proposal(
                collection=collection,
                author_id=authors[n % len(authors)],
                title=f"Vorschlag {n}",
                description="Eine Idee für den Stadtteil.\n\nMit zwei Absätzen.",
                category=topics[n % len(topics)],
                district=districts[(n * 7) % len(districts)] if n % 5 else None,
                state=state_of(n),
                moderation=Moderation.PENDING if n % 100 == 99 else Moderation.PUBLISHED,
                created_at=start + datetime.timedelta(seconds=n * 120),
                **located(n),
            )
            for n in range(proposals)
        ),
        batch_size=2000,
    )
    # A long tail: 4 each, plus up to (tail) for a few; about 10 per proposal on average.
    parameters = {"collection": collection.pk, "users": users, "tail": 594}
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in SUPPORTS.split(";\n"):
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


def deep_cursor(queryset, sort: str) -> str:
    """The cursor a visitor reaches after paging two thirds through the list."""
    from proposals.listing import seed_key

    depth = queryset.count() * 2 // 3
    if sort == "neueste":
        row = queryset.order_by("-created_at", "-id")[depth]
        return f"{row.created_at.isoformat()}~{row.pk}"
    if sort == "unterstuetzt":
        row = queryset.order_by("-support_count", "-id")[depth]
        return f"{row.support_count}~{row.pk}"
    if sort == "diskutiert":
        row = queryset.order_by("-comment_count", "-id")[depth]
        return f"{row.comment_count}~{row.pk}"
    start = seed_key(SEED)
    first = queryset.filter(shuffle_key__gte=start).count()
    row = queryset.filter(shuffle_key__lt=start).order_by("shuffle_key", "id")[depth - first]
    return f"1_{row.shuffle_key}~{row.pk}"


def explain(sql_entries) -> list[str]:
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for sql in sql_entries:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def listing_cases(args, collection, topics, districts) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from proposals.listing import SEED_SESSION_KEY
    from proposals.models import Proposal

    client = Client()
    url = f"/ideen/{collection.pk}/"
    assert client.get(url).status_code == 200
    session = client.session
    session[SEED_SESSION_KEY] = SEED
    session.save()
    visible = Proposal.objects.filter(collection=collection).published()
    filters = {
        "none": ({}, {}),
        "category": ({"kategorie": topics[3].slug}, {"category": topics[3]}),
        "district": ({"bezirk": districts[5].slug}, {"district": districts[5]}),
        "state": ({"status": "umgesetzt"}, {"state": "umgesetzt"}),
    }
    cases = []
    for sort in ("zufall", "neueste", "unterstuetzt", "diskutiert"):
        for name, (query, lookups) in filters.items():
            for page in ("first", "deep"):
                params = {"sortierung": sort, **query}
                if page == "deep":
                    params["nach"] = deep_cursor(visible.filter(**lookups), sort)

                def get(params=params, page=page):
                    response = client.get(url, params)
                    assert response.status_code == 200, response.status_code
                    assert b'rel="next"' in response.content or page == "deep"

                get()
                with CaptureQueriesContext(connection) as captured:
                    get()
                # Read now: the next request empties the connection's log.
                sql = [entry["sql"] for entry in captured.captured_queries]
                case = {
                    "sort": sort,
                    "filter": name,
                    "page": page,
                    "queries": len(sql),
                    **timed(args.runs, get),
                }
                if args.explain:
                    listing_sql = [query for query in sql if 'FROM "proposals_proposal"' in query]
                    case["plans"] = explain(listing_sql)
                cases.append(case)
    return cases


def inner(args) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from proposals.models import Proposal, Support

    started = time.perf_counter()
    collection, topics, districts = build_collection()
    fill(collection, topics, districts, args.proposals, args.users)
    load_seconds = time.perf_counter() - started
    return {
        "proposals": Proposal.objects.count(),
        "supports": Support.objects.count(),
        "load_seconds": round(load_seconds, 1),
        "runs": args.runs,
        "cases": listing_cases(args, collection, topics, districts),
        "geojson": geojson_cases(args.runs, collection, districts, timed),
        "race": concurrent_supports(collection),
    }


def report(summary) -> None:
    print(
        f"proposals: 1 collection, {summary['proposals']:,} proposals, "
        f"{summary['supports']:,} supports (loaded in {summary['load_seconds']} s); "
        f"listing page over {summary['runs']} runs each (anonymous visitor):"
    )
    print(f"{'order':<13} {'filter':<9} {'page':<6} {'queries':>7} {'median':>9} {'p95':>9}")
    for case in summary["cases"]:
        print(
            f"{case['sort']:<13} {case['filter']:<9} {case['page']:<6} {case['queries']:>7} "
            f"{case['median_ms']:>6} ms {case['p95_ms']:>6} ms"
        )
        for plan in case.get("plans", []):
            print("    " + plan.replace("\n", "\n    "))
    worst = max(case["p95_ms"] for case in summary["cases"])
    counts = sorted({case["queries"] for case in summary["cases"]})
    print(f"worst p95 {worst} ms; queries per page: {counts}")
    report_geojson(summary["geojson"])
    race = summary["race"]
    print(
        f"concurrent supports: {race['supports']} accounts on one proposal over "
        f"{race['threads']} connections: {race['rows']} rows, counter {race['counter']}, "
        f"{race['per_second']} supports/s; failures: {race['failures'] or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--proposals", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--explain", action="store_true", help="print each listing query's plan")
    parser.add_argument("--keep", action="store_true", help="keep the bench_proposals database")
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
        report(json.loads(result.stdout.strip().splitlines()[-1]))
    finally:
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
