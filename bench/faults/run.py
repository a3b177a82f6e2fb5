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
import json
import subprocess
import sys
from pathlib import Path

# The script's own folder is on sys.path (python bench/faults/run.py).
from faults import ThrowAwayRedis
from harness import (
    BIN,
    HOST,
    ROOT,
    STATIC_ROOT,
    create_database,
    drop_database,
    environment,
    free_port,
    manage,
    wait_until_up,
)
from storms import run_storm


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
