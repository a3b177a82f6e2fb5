"""Search benchmark: the portal's PostgreSQL search vs. Wagtail's stock database backend.

    python bench/search/run.py all [--documents 1000000] [--concurrency 4] [--reuse]

Phases (each in its own process, so that its peak memory is its own):
  setup        creates the database ``bench_search``, migrates, streams N
               synthetic German contributions into it (COPY, bounded memory)
  index        builds the portal search index from them (``reindex`` path)
  stock-index  indexes the same rows with Wagtail's stock database backend
  queries      runs a fixed mix of queries on both, concurrently, and prints
               p50/p95 per query kind side by side

Prints figures to stdout only; nothing is written to the repository.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

# The script's own folder is on sys.path (python bench/search/run.py).
import phases
from phases import DATABASE, ENV, PG_BIN, ROOT, SERVER_SETTINGS, index, setup, stock_index
from querymix import queries
from summary import print_summary


def start_own_server(port: str) -> Path:
    """A throw-away PostgreSQL 15 cluster with SERVER_SETTINGS, run as the postgres user."""
    data = Path(f"/tmp/bench-search-pg-{port}")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(["rm", "-rf", str(data)], check=True)
    subprocess.run(["install", "-d", "-o", "postgres", str(data)], check=True)
    subprocess.run(
        [*as_postgres, str(PG_BIN / "initdb"), "-D", str(data), "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k /tmp " + " ".join(f"-c {k}={v}" for k, v in SERVER_SETTINGS.items())
    subprocess.run(
        [*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l",
         str(data / "server.log"), "-w", "start"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return data


def stop_own_server(data: Path) -> None:
    subprocess.run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-m",
            "fast",
            "stop",
        ],
        check=False,
        capture_output=True,
    )
    subprocess.run(["rm", "-rf", str(data)], check=False)


def phase(name: str, *args: str) -> dict:
    command = [sys.executable, str(Path(__file__)), name, *args]
    completed = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **ENV}, capture_output=True, text=True
    )
    sys.stderr.write(completed.stderr[-4000:])
    if completed.returncode:
        sys.exit(f"phase {name} failed")
    line = next(line for line in completed.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("phase", choices=["all", "setup", "index", "stock-index", "queries"])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument(
        "--concurrency",
        default="2,4",
        help="client processes, one level or several (2,4); 2 matches this machine's cores",
    )
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--stock-repeats", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    parser.add_argument(
        "--skip-stock", action="store_true", help="do not index with Wagtail's backend"
    )
    parser.add_argument(
        "--own-server",
        action="store_true",
        help="run on a dedicated PostgreSQL (port 5433) with production-like memory settings",
    )
    args = parser.parse_args()

    if args.phase == "all" and args.own_server:
        port = "5433"
        ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"
        phases.ADMIN_URL = f"postgres://postgres@127.0.0.1:{port}/postgres"
        os.environ["BENCH_PG_PORT"] = port
        data = start_own_server(port)
        try:
            return run_all(args)
        finally:
            stop_own_server(data)

    if args.phase == "setup":
        return setup(args.documents)
    if args.phase == "index":
        return index()
    if args.phase == "stock-index":
        return stock_index()
    if args.phase == "queries":
        levels = [int(level) for level in args.concurrency.split(",")]
        return queries(levels, args.repeats, args.stock_repeats, args.skip_stock)
    return run_all(args)


def run_all(args) -> None:
    results = {}
    if not args.reuse:
        results["setup"] = phase("setup", "--documents", str(args.documents))
        results["index"] = phase("index")
        if not args.skip_stock:
            results["stock-index"] = phase("stock-index")
    extra = ["--concurrency", args.concurrency, "--repeats", str(args.repeats)]
    extra += ["--stock-repeats", str(args.stock_repeats)] + (
        ["--skip-stock"] if args.skip_stock else []
    )
    results["queries"] = phase("queries", *extra)
    print_summary(results, args)


if __name__ == "__main__":
    main()
