"""Thread benchmark: gunicorn on loopback against PostgreSQL, a project with 10,000 comments.

Creates a throw-away database (bench_comments), migrates it, loads one
project with 1,000 threads of 10 comments each (bench/comments/setup_data.py,
which also counts the SQL queries per request in-process), starts gunicorn
with production settings and measures, with concurrent keep-alive clients
(wrk if installed, else Python threads), the thread page (HTML), the thread
API's first page and a page 90 % deep into the thread. Prints a table:
requests/s, p50, p95, queries per request. Never part of the test suite.

    .venv/bin/python bench/comments/run.py [--duration 15] [--connections 16]
        [--workers 2] [--threads 4] [--keep]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
DATABASE = "bench_comments"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
STATIC_ROOT = os.environ.get(
    "BENCH_STATIC_ROOT", str(ROOT / "bench" / "results" / "comments-static")
)
# wrk's Lua hook prints the numbers we need (wrk itself shows no p95).
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{POSTGRES}/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
    )


def environment(port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_KEY_PREFIX": "bench-comments",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": STATIC_ROOT,
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args) -> None:
    subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(port: int, timeout=30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def measure_with_wrk(port, url, duration, connections, cookie=None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{url}"], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(script.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    requests, micros, p50, p95, errors = (int(value) for value in match.groups())
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors,
        "requests": requests,
    }


def measure_with_threads(port, url, duration, connections, cookie=None) -> dict:
    """Fallback without wrk: keep-alive connections in Python threads."""
    latencies, errors = [], []
    deadline = time.monotonic() + duration
    headers = {"Cookie": cookie} if cookie else {}

    def client():
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors.append(response.status)
        latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50": cuts[49],
        "p95": cuts[94],
        "errors": len(errors),
        "requests": len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="switch the thread cache off (COMMENTS_THREAD_CACHE_SECONDS=0): every request renders",
    )
    args = parser.parse_args()

    env = environment(args.port)
    if args.no_cache:
        env["COMMENTS_THREAD_CACHE_SECONDS"] = "0"
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        print(f"Migrating {DATABASE} ...", flush=True)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        print("Loading 10,000 comments ...", flush=True)
        loaded = json.loads(
            subprocess.run(
                [BIN / "python", ROOT / "bench" / "comments" / "setup_data.py"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        # Fresh statistics and visibility map, as autovacuum would leave them.
        subprocess.run(["psql", f"{POSTGRES}/{DATABASE}", "-q", "-c", "VACUUM ANALYZE"], check=True)
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"{HOST}:{args.port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--keep-alive",
                "10",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for(args.port)
        measure = measure_with_wrk if shutil.which("wrk") else measure_with_threads
        tool = "wrk" if shutil.which("wrk") else "Python threads"
        rows = []
        # The ceiling on this machine: a view without database or templates.
        measure(args.port, "/healthz/", 3, args.connections)
        baseline = measure(args.port, "/healthz/", args.duration, args.connections)
        rows.append(("baseline: /healthz/", baseline, 0))
        for name, url in loaded["urls"].items():
            cookie = loaded.get("cookies", {}).get(name)
            measure(args.port, url, 3, args.connections, cookie)  # warm-up
            result = measure(args.port, url, args.duration, args.connections, cookie)
            counts = loaded["queries"][name]
            rows.append((name, result, counts["uncached" if args.no_cache else "cached"]))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")

    print()
    print(
        f"{loaded['comments']:,} comments in {loaded['threads']:,} threads · gunicorn "
        f"{args.workers} workers x {args.threads} threads (gthread) · {args.connections} "
        f"keep-alive clients ({tool}) · {args.duration} s per scenario · {os.cpu_count()} CPUs"
        f" · thread cache {'off' if args.no_cache else 'on'}"
    )
    print(
        f"| {'scenario':<28} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | "
        f"{'queries':>7} | {'errors':>6} |"
    )
    print(f"|{'-' * 30}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|")
    for name, result, queries in rows:
        print(
            f"| {name:<28} | {result['rps']:>7.0f} | {result['p50']:>7.1f} | "
            f"{result['p95']:>7.1f} | {queries:>7} | {result['errors']:>6} |"
        )
    print("Queries per request (in-process, Django test client):")
    for name, counts in loaded["queries"].items():
        print(f"  {name}: {counts['cached']} from the thread cache, {counts['uncached']} rendered")


if __name__ == "__main__":
    main()
