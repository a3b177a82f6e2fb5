"""Load under faults: ballot and comment storms while parts of the system fail.

Creates a throw-away database (bench_faults; or clones --template-database),
starts its own redis-server as the cache and gunicorn with production
settings (2 workers x 4 threads), then runs storms:

- votes:    BALLOTS ballots, each from a fresh anonymous browser (GET the poll
            for its cookie, POST the ballot, retried with the same cookie on a
            5xx or a broken connection, as a browser's user would), while
            DB_KILLS database connections of the portal are terminated and
            WORKER_KILLS gunicorn workers are killed with SIGKILL;
- comments: COMMENTS anonymous comments, each with a unique token, never
            retried, under the same faults;
- redis:    the vote storm again, with the cache's Redis stopped for the
            middle third of it (and started again).

Then it compares what the clients were told with what the database holds:
acknowledged (201), stored, lost (acknowledged but not stored: must be 0),
duplicated (stored twice: must be 0), half-written ballots, 5xx answers and
the longest request. One line per storm; exits 1 if anything was lost,
duplicated or half-written. Never part of the test suite (a small version
is: tests/operations/test_faults.py).

    .venv/bin/python bench/faults/run.py [--ballots 3000] [--comments 1000] [--db-kills 30]
        [--worker-kills 1] [--storms votes,comments,redis] [--clients 16]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import string
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

# The script's own folder is on sys.path (python bench/faults/run.py).
from faults import FaultPlan, ThrowAwayRedis

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "faults-static"))
RETRIES = 4


CHECK_VOTES = """
import json
from django.db.models import Count, Q
from polls import tallies
from polls.models import Ballot
ballots = Ballot.objects.filter(poll_id={poll_id})
keys = ballots.values("participant_key").annotate(n=Count("id")).filter(n__gt=1)
half = ballots.annotate(
    single=Count("answers", filter=Q(answers__question__kind="single")),
    rating=Count("answers", filter=Q(answers__question__kind="rating")),
    multiple=Count("answers", filter=Q(answers__question__kind="multiple")),
).exclude(single=1, rating=1, multiple__gte=1, multiple__lte=2)
live = {{k: v for k, v in tallies.read({poll_id}).items() if v}}
print(json.dumps({{
    "ids": [str(i) for i in ballots.values_list("public_id", flat=True)],
    "duplicated": sum(row["n"] - 1 for row in keys),
    "half_written": half.count(),
    "tallies_exact": live == tallies.recount({poll_id}),
}}))
"""

CHECK_COMMENTS = """
import json, re
from collections import Counter
from comments.models import Comment
from search.models import OutboxEntry, SearchEntry
rows = list(Comment.objects.filter(page_id={page_id}).values_list("id", "body"))
tokens = Counter(m.group(0) for _id, body in rows for m in [re.search(r"sturm-\\d+", body)] if m)
# No worker runs during the storm: a stored comment has its search update
# waiting in the outbox (or already indexed). One without is half-written.
queued = set(OutboxEntry.objects.filter(source="comment").values_list("object_id", flat=True))
indexed = {{int(k.split(":")[1]) for k in SearchEntry.objects.filter(key__startswith="comment:")
    .values_list("key", flat=True)}}
print(json.dumps({{
    "ids": [row[0] for row in rows],
    "tokens": sorted(tokens),
    "duplicated": sum(n - 1 for n in tokens.values()),
    "half_written": sum(1 for row in rows if row[0] not in queued | indexed),
}}))
"""


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


def csrf_secret() -> str:
    # Django accepts any 32-character secret a browser holds in its cookie,
    # as long as the header repeats it (double submit).
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


class Browser:
    """One anonymous visitor with its own cookies; reconnects after a broken connection."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None
        self.cookies = {"csrftoken": csrf_secret()}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers.update(
                {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]}
            )
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return None, b""
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if name != "csrftoken":
                    self.cookies[name] = morsel.value
        return response.status, payload


class Tally:
    """What the clients saw, shared by the client threads."""

    def __init__(self, total: int):
        self.lock = threading.Lock()
        self.total = total
        self.finished = 0
        self.acknowledged: list = []
        self.refused_as_duplicate = 0
        self.failed = 0
        self.server_errors = 0
        self.connection_errors = 0
        self.other_status: dict[int, int] = {}
        self.max_latency = 0.0

    def progress(self) -> float:
        return self.finished / self.total

    def saw(self, status, seconds) -> None:
        with self.lock:
            self.max_latency = max(self.max_latency, seconds)
            if status is None:
                self.connection_errors += 1
            elif status >= 500:
                self.server_errors += 1


def timed(browser, method, path, body, tally):
    started = time.perf_counter()
    status, payload = browser.request(method, path, body)
    tally.saw(status, time.perf_counter() - started)
    return status, payload


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


def vote(port, poll_id, rng, tally):
    """One voter: open the poll, send the ballot; on an error send it again (same browser)."""
    browser = Browser(port)
    path = f"/api/v1/polls/{poll_id}"
    outcome = "failed"
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(0.1 * attempt)
        status, payload = timed(browser, "GET", path, None, tally)
        if status != 200:
            continue
        status, payload = timed(
            browser, "POST", path + "/ballot", ballot_body(json.loads(payload), rng), tally
        )
        if status == 201:
            outcome = json.loads(payload)["id"]
            break
        if status == 409:
            outcome = "already"  # an earlier attempt was stored, its answer lost
            break
        if status is not None and status < 500:
            with tally.lock:
                tally.other_status[status] = tally.other_status.get(status, 0) + 1
            break
    with tally.lock:
        tally.finished += 1
        if outcome == "already":
            tally.refused_as_duplicate += 1
        elif outcome == "failed":
            tally.failed += 1
        else:
            tally.acknowledged.append(outcome)


def comment(port, page_id, number, tally):
    """One anonymous comment with a unique token, sent once."""
    browser = Browser(port)
    body = json.dumps({"body": f"Beitrag sturm-{number}: mehr Bäume an der Kreuzung."})
    status, payload = timed(browser, "POST", f"/api/v1/comments/pages/{page_id}", body, tally)
    with tally.lock:
        tally.finished += 1
        if status == 201:
            tally.acknowledged.append(json.loads(payload)["id"])
        else:
            tally.failed += 1
            if status is not None and status < 500:
                tally.other_status[status] = tally.other_status.get(status, 0) + 1


def storm(jobs, clients: int) -> None:
    queue = list(reversed(jobs))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            job()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def run_storm(name, args, context) -> bool:
    port, env, server = context["port"], context["env"], context["server"]
    rng = random.Random(name)
    if name == "comments":
        total = args.comments
        tally = Tally(total)
        jobs = [lambda n=n: comment(port, context["page"], n, tally) for n in range(total)]
    else:
        total = args.ballots
        tally = Tally(total)
        poll_id = context["polls"][0 if name == "votes" else 1]
        jobs = [lambda: vote(port, poll_id, random.Random(rng.random()), tally)] * total
    plan = FaultPlan(
        tally.progress,
        postgres_url=POSTGRES,
        database=context["database"],
        gunicorn_pid=server.pid,
        db_kills=args.db_kills,
        worker_kills=args.worker_kills,
        redis=context["redis"] if name == "redis" else None,
    )
    plan.start()
    started = time.perf_counter()
    storm(jobs, args.clients)
    seconds = time.perf_counter() - started
    plan.stop()
    wait_until_up(port)

    if name == "comments":
        check = json.loads(
            manage(
                env, "shell", "--no-imports", "-c", CHECK_COMMENTS.format(page_id=context["page"])
            ).splitlines()[-1]
        )
        stored_ids = set(check["ids"])
        extra = {"half-written": check["half_written"]}
    else:
        check = json.loads(
            manage(
                env, "shell", "--no-imports", "-c", CHECK_VOTES.format(poll_id=poll_id)
            ).splitlines()[-1]
        )
        stored_ids = set(check["ids"])
        extra = {
            "half-written": check["half_written"],
            "tallies-exact": "yes" if check["tallies_exact"] else "NO",
        }
    acknowledged = set(tally.acknowledged)
    lost = len(acknowledged - stored_ids)
    duplicated = check["duplicated"] + (len(tally.acknowledged) - len(acknowledged))
    unacknowledged = len(stored_ids - acknowledged)
    faults = plan.done
    fields = {
        "sent": total,
        "acknowledged": len(acknowledged),
        "stored": len(stored_ids),
        "lost": lost,
        "duplicated": duplicated,
        **extra,
        "already-voted": tally.refused_as_duplicate,
        "stored-unacknowledged": unacknowledged,
        "failed": tally.failed,
        "5xx": tally.server_errors,
        "connection-errors": tally.connection_errors,
        "4xx": sum(tally.other_status.values()),
        "max-latency": f"{tally.max_latency * 1000:.0f}ms",
        "seconds": f"{seconds:.1f}",
    }
    fault_text = (
        f"db-kills={faults['db_kills']} (connections terminated: "
        f"{faults['connections_terminated']}) worker-kills={faults['worker_kills']}"
    )
    if name == "redis":
        fault_text += f" redis-stopped={faults['redis_stops']}"
    print(
        f"bench-faults {name}: "
        + " ".join(f"{k}={v}" for k, v in fields.items())
        + f" faults: {fault_text}",
        flush=True,
    )
    bad = lost or duplicated or extra["half-written"] or extra.get("tallies-exact") == "NO"
    return not bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=3000)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--db-kills", type=int, default=30)
    parser.add_argument("--worker-kills", type=int, default=1)
    parser.add_argument("--storms", default="votes,comments,redis")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=0, help="gunicorn (default: a free port)")
    parser.add_argument("--redis-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--database", default="bench_faults")
    parser.add_argument("--template-database", help="clone this migrated database (no migrate)")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--log",
        default=str(ROOT / "bench" / "results" / "faults-gunicorn.log"),
        help="where the portal's own log goes",
    )
    args = parser.parse_args()
    storms = [name.strip() for name in args.storms.split(",") if name.strip()]
    unknown = set(storms) - {"votes", "comments", "redis"}
    if unknown:
        parser.error(f"unknown storms: {', '.join(sorted(unknown))}")
    port = args.port or free_port()
    redis = ThrowAwayRedis(args.redis_port or free_port())
    env = environment(args.database, port, redis.url)

    create_database(args.database, args.template_database)
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    log_path = Path(args.log)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    server_log = log_path.open("w")
    server = None
    redis.start()
    try:
        if not args.template_database:
            manage(env, "migrate", "--no-input", "-v", "0")
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"{HOST}:{port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--keep-alive",
                "30",
                "--log-level",
                "critical",
            ],
            cwd=ROOT,
            env=env,
            # The faults make the portal log many tracebacks; they go to a file.
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        # The data is made while gunicorn boots; no request comes before both are done.
        setup = (Path(__file__).parent / "setup_data.py").read_text()
        ids = json.loads(manage(env, "shell", "--no-imports", "-c", setup).splitlines()[-1])
        wait_until_up(port)
        context = {
            "port": port,
            "env": env,
            "server": server,
            "redis": redis,
            "database": args.database,
            **ids,
        }
        results = [run_storm(name, args, context) for name in storms]
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        redis.stop()
        server_log.close()
        if not args.keep_database:
            drop_database(args.database)
    if not all(results):
        sys.exit(1)


if __name__ == "__main__":
    main()
