"""Ballot benchmark: gunicorn on loopback against PostgreSQL, many concurrent voters.

Creates a throw-away database (bench_votes), migrates it, creates an open
public poll, starts gunicorn with production settings, and lets CLIENTS
threads vote BALLOTS times in all, each ballot from a fresh anonymous
browser (GET the poll for the signed cookie, then POST the ballot). A share
of the browsers posts again, which must be refused with 409. Afterwards it
checks stored ballots against accepted ones and the tallies against a
recount, and prints one summary line. The rate is stored ballots over the
time from the first to the last stored ballot (the server's clock, so a
load generator that lingers on a lost connection does not dilute it).
Never part of the test suite.

    .venv/bin/python bench/votes/run.py [--ballots 4000] [--clients 16] [--workers 2] [--threads 4]
        [--load wrk|python]

The ballots are fired by wrk (a load generator in C, see wrk_load.py) when it
is installed: Python clients cost about as much CPU per request as the portal
and would share the cores with it. --load python uses the Python clients.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
DATABASE = "bench_votes"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "votes-static"))
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

SETUP_POLL = """
import datetime
from django.utils import timezone
from polls.models import Choice, Poll, Question
now = timezone.now()
poll = Poll.objects.create(title="Bench", opens_at=now - datetime.timedelta(hours=1),
    closes_at=now + datetime.timedelta(days=1), audience="public", results_visibility="live")
single = Question.objects.create(poll=poll, text="Ja oder nein?", kind="single", sort_order=0)
multiple = Question.objects.create(poll=poll, text="Was?", kind="multiple", min_choices=1,
    max_choices=2, sort_order=1)
rating = Question.objects.create(poll=poll, text="Wie wichtig?", kind="rating", scale_min=1,
    scale_max=5, sort_order=2)
for q, labels in ((single, ["Ja", "Nein"]), (multiple, ["Bäume", "Bänke", "Brunnen"])):
    for i, label in enumerate(labels):
        Choice.objects.create(question=q, label=label, sort_order=i)
# Citizens meet a poll only through a live page that shows it.
from wagtail.models import Site
from pages.models import StandardPage
page = Site.objects.get(is_default_site=True).root_page.add_child(instance=StandardPage(
    title="Bench-Umfrage", slug="bench-umfrage", body=[("poll", {"poll": poll})]))
page.save_revision().publish()
print(poll.pk)
"""

CHECK = """
import json, time
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from polls import tallies
from polls.models import Ballot, Poll
from polls.services import poll_questions, poll_results
poll = Poll.objects.get(pk={poll_id})
stored = Ballot.objects.filter(poll=poll).count()
span = Ballot.objects.filter(poll=poll).aggregate(first=Min("created_at"), last=Max("created_at"))
live = {{k: v for k, v in tallies.read(poll.pk).items() if v}}
exact = live == tallies.recount(poll.pk)
questions = poll_questions(poll)
with CaptureQueriesContext(connection) as queries:
    started = time.perf_counter()
    results = poll_results(poll, questions)
    read_ms = (time.perf_counter() - started) * 1000
print(json.dumps({{"stored": stored, "exact": exact, "results_ballots": results.ballots,
    "results_queries": len(queries), "results_ms": round(read_ms, 2),
    "stored_seconds": (span["last"] - span["first"]).total_seconds()}}))
"""


def environment(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "CACHE_KEY_PREFIX": "bench-votes",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "RATE_LIMIT_BALLOTS_PER_IP": "10000000/h",
        "RATE_LIMIT_BALLOTS_PER_PARTICIPANT": "10000000/h",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": STATIC_ROOT,
    }


def manage(env, *args, stdin=None) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def flush_redis() -> None:
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/12").flushdb()


def free_port() -> int:
    # Another server on a fixed port would answer /healthz/ and take the load.
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, timeout: float = 30) -> None:
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


class Browser:
    """One anonymous visitor: its own cookies over a keep-alive connection."""

    def __init__(self, connection, csrf_token):
        self.connection = connection
        self.cookies = {"csrftoken": csrf_token}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers.update(
                {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]}
            )
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, payload


def csrf_token(port: int) -> str:
    connection = http.client.HTTPConnection(HOST, port)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if "csrftoken" in cookie:
            return cookie["csrftoken"].value
    raise SystemExit("no CSRF cookie from /accounts/login/")


def ballot_body(poll: dict, rng: random.Random) -> str:
    single, multiple, rating = poll["questions"]
    picks = rng.sample([c["id"] for c in multiple["choices"]], rng.randint(1, 2))
    return json.dumps(
        {
            "answers": [
                {"question": single["id"], "choices": [rng.choice(single["choices"])["id"]]},
                {"question": multiple["id"], "choices": picks},
                {"question": rating["id"], "rating": rng.randint(1, 5)},
            ]
        }
    )


def run_clients(port, poll_id, ballots, clients, duplicate_share, token):
    """Each client thread first opens its browsers (GET: cookie), then all fire their ballots."""
    lock = threading.Lock()
    stats = {"accepted": 0, "duplicates": 0, "errors": 0, "latencies": [], "prepare": 0.0}
    poll_path = f"/api/v1/polls/{poll_id}"
    started = {}
    barrier = threading.Barrier(
        clients, action=lambda: started.setdefault("at", time.perf_counter())
    )

    def worker(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        share = ballots // clients + (1 if seed < ballots % clients else 0)
        browsers, poll, errors = [], None, 0
        for _ in range(share):
            browser = Browser(connection, token)
            status, payload = browser.request("GET", poll_path)
            if status != 200:
                errors += 1
                continue
            poll = poll or json.loads(payload)
            browsers.append((browser, ballot_body(poll, rng)))
        barrier.wait()
        accepted = duplicates = 0
        latencies = []
        for browser, body in browsers:
            begin = time.perf_counter()
            status, _ = browser.request("POST", poll_path + "/ballot", body)
            latencies.append(time.perf_counter() - begin)
            if status == 201:
                accepted += 1
            else:
                errors += 1
            if rng.random() < duplicate_share:
                status, _ = browser.request("POST", poll_path + "/ballot", body)
                if status == 409:
                    duplicates += 1
                else:
                    errors += 1
        with lock:
            stats["accepted"] += accepted
            stats["duplicates"] += duplicates
            stats["errors"] += errors
            stats["latencies"] += latencies

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats["seconds"] = time.perf_counter() - started["at"]
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--duplicates", type=float, default=0.1, help="share of browsers re-posting"
    )
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--load",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    args.port = args.port or free_port()

    env = environment(args.port)
    recreate_database()
    flush_redis()
    manage(env, "migrate", "--no-input", "-v", "0")
    # Pages (the login page hands out the CSRF cookie) need the static manifest.
    manage(env, "collectstatic", "--no-input", "-v", "0")
    poll_id = int(manage(env, "shell", "--no-imports", "-c", SETUP_POLL).splitlines()[-1])
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"{HOST}:{args.port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(args.port)
        load = run_clients
        if args.load == "wrk":
            from wrk_load import run_wrk as load
        stats = load(
            args.port, poll_id, args.ballots, args.clients, args.duplicates, csrf_token(args.port)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    check = json.loads(
        manage(env, "shell", "--no-imports", "-c", CHECK.format(poll_id=poll_id)).splitlines()[-1]
    )
    if not args.keep_database:
        drop_database()

    if "latencies" in stats:
        latencies = sorted(stats["latencies"]) or [0.0]
        p50 = statistics.median(latencies) * 1000
        p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))] * 1000
    else:
        p50, p95 = stats["p50_ms"], stats["p95_ms"]
    lost = max(0, stats["accepted"] - check["stored"])
    duplicated = max(0, check["stored"] - stats["accepted"])
    print(
        f"bench-votes: {check['stored'] / max(check['stored_seconds'], 0.001):.0f} ballots/s "
        f"p50={p50:.1f}ms p95={p95:.1f}ms accepted={stats['accepted']} "
        f"rejected-duplicates={stats['duplicates']} errors={stats['errors']} "
        f"stored={check['stored']} lost={lost} duplicated={duplicated} "
        f"tallies-exact={'yes' if check['exact'] else 'NO'} "
        f"results-queries={check['results_queries']} results-read={check['results_ms']}ms "
        f"(load={args.load} clients={args.clients} gunicorn={args.workers}x{args.threads} gthread)"
    )
    if lost or duplicated or not check["exact"] or stats["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
