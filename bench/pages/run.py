"""Page speed: every page people open, cache off and on, anonymous and signed in, in one table.

Creates a throw-away database (bench_pages), loads the demo content into it
(``manage.py load_demo_content``), builds the search index, and starts two
gunicorn servers with production settings (2 workers x 4 threads each): one
with the application caches off (``COMMENTS_THREAD_CACHE_SECONDS=0``,
``PORTAL_PAGE_CACHE_SECONDS=0``, ...) and one with them on, plus Varnish in
front of the second when ``varnishd`` is installed. wrk (16 connections)
then measures, row after row and side by side: the no-query endpoint
(``/robots.txt``), ``/healthz/``, the project page "Radverkehrskonzept
Innenstadt", the start page, the project list, ``/api/v2/pages/<id>/``, the
thread API for an anonymous and a signed-in reader and the search API, and
again the uncached rows while a background process casts ballots into the
demo's open poll. Prints one table: req/s, p50, p99, the issue's target
(#18) and whether it is met. Never part of the test suite.

    python bench/pages/run.py [--duration 10] [--quick] [--rows search] [--no-varnish]
        [--ballot-rate 10] [--workers 2] [--threads 4] [--connections 16] [--keep]

Exits 1 on errors (a server that does not come up, an address that does not
answer 200); a missed target is a result, not an error.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import (
    CACHE_OFF_ENV,
    CACHE_PREFIXES,
    DATABASE,
    HERE,
    HOST,
    PYTHON,
    RESULTS,
    ROOT,
    BenchError,
    Processes,
    drop_database,
    environment,
    flush_redis,
    get,
    load,
    recreate_database,
    start_gunicorn,
    start_varnish,
    wait_until_up,
)

ANONYMOUS, SIGNED_IN = "anonymous", "signed in"
OFF, ON, VARNISH, NONE = "off", "on", "varnish", "-"

# wrk prints no p99 of its own in a form we can read; this Lua hook does.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


@dataclasses.dataclass(frozen=True)
class Target:
    rps: float | None = None
    p99_ms: float | None = None

    def __str__(self):
        parts = []
        if self.rps:
            parts.append(f">={self.rps:,.0f}/s")
        if self.p99_ms:
            parts.append(f"p99<{self.p99_ms:.0f}ms")
        return " ".join(parts) or "-"

    def met(self, result) -> str:
        if not self.rps and not self.p99_ms:
            return ""
        if not result["requests"]:
            return "NO"
        ok = (not self.rps or result["rps"] >= self.rps) and (
            not self.p99_ms or result["p99"] < self.p99_ms
        )
        return "yes" if ok else "NO"


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    url: str  # a key of setup_data.py's "urls", or a path
    cache: str
    reader: str = ANONYMOUS
    target: Target = Target()
    ballots: bool = False


# The targets of issue #18 (2-core machine, gunicorn 2x4, wrk -c16). The
# no-query endpoint and a cached page should be at least as fast as the peer's
# static endpoint (meinBerlin's /robots.txt: 3,100-3,400 req/s on this machine kind).
PEER_STATIC = 3100
ROWS = [
    Row("no-query endpoint /robots.txt", "/robots.txt", NONE, target=Target(PEER_STATIC)),
    Row("no-query endpoint /robots.txt", "/robots.txt", VARNISH, target=Target(PEER_STATIC)),
    Row("/healthz/ (first middleware)", "/healthz/", NONE),
    Row("project page", "project", OFF, target=Target(150)),
    Row("project page", "project", ON, target=Target(1500)),
    Row("project page", "project", VARNISH, target=Target(1500)),
    Row("project page", "project", OFF, SIGNED_IN, Target(150)),
    Row("project page", "project", ON, SIGNED_IN),
    Row("start page", "home", OFF, target=Target(200)),
    Row("start page", "home", ON, target=Target(1500)),
    Row("start page", "home", VARNISH, target=Target(1500)),
    Row("project list", "projects", OFF),
    Row("project list", "projects", ON),
    Row("project list", "projects", VARNISH),
    Row("/api/v2/pages/<id>/", "api_page", OFF),
    Row("/api/v2/pages/<id>/", "api_page", ON),
    Row("/api/v2/pages/<id>/", "api_page", VARNISH),
    Row("thread API", "thread", OFF),
    Row("thread API", "thread", ON),
    Row("thread API", "thread", VARNISH),
    Row("thread API", "thread", OFF, SIGNED_IN, Target(300)),
    Row("thread API", "thread", ON, SIGNED_IN, Target(400)),
    Row("search API", "search", OFF, target=Target(300)),
    Row("search API", "search", ON),
    Row("search API", "search", VARNISH),
    Row("project page, ballots cast", "project", OFF, target=Target(p99_ms=250), ballots=True),
    Row("start page, ballots cast", "home", OFF, target=Target(p99_ms=250), ballots=True),
    Row(
        "thread API, ballots cast",
        "thread",
        OFF,
        SIGNED_IN,
        Target(p99_ms=250),
        ballots=True,
    ),
    Row("search API, ballots cast", "search", OFF, target=Target(p99_ms=250), ballots=True),
]


def measure(port, url, seconds, connections, cookie=None) -> dict:
    script = RESULTS / "wrk-report.lua"
    script.write_text(WRK_REPORT)
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{url}"], capture_output=True, text=True
    ).stdout
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    if match is None:
        raise BenchError(f"wrk printed no result for {url}:\n{output}")
    requests, micros, p50, p99, bad_status, socket_errors = (int(v) for v in match.groups())
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p99": p99 / 1000,
        "errors": bad_status + socket_errors,
        "requests": requests,
    }


def print_table(results, header_lines) -> None:
    print()
    for line in header_lines:
        print(line)
    columns = ("row", "cache", "reader", "req/s", "p50 ms", "p99 ms", "target", "met?", "errors")
    widths = (30, 7, 9, 7, 7, 7, 20, 4, 12)
    print("| " + " | ".join(f"{c:<{w}}" for c, w in zip(columns, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row, result in results:
        if "error" in result:
            cells = (row.name, row.cache, row.reader, "-", "-", "-", str(row.target), "", "")
            cells = (*cells[:-1], result["error"])
        elif not result["requests"]:
            # Not one answer within the row's time: too slow (or too busy) to measure.
            cells = (row.name, row.cache, row.reader, "0", "-", "-", str(row.target))
            cells = (*cells, row.target.met(result), "none in time")
        else:
            cells = (
                row.name,
                row.cache,
                row.reader,
                f"{result['rps']:,.0f}",
                f"{result['p50']:.1f}",
                f"{result['p99']:.1f}",
                str(row.target),
                row.target.met(result),
                str(result["errors"]),
            )
        print("| " + " | ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)) + " |")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per row")
    parser.add_argument("--quick", action="store_true", help="2 s per row (smoke run)")
    parser.add_argument("--warmup", type=float, default=None, help="seconds before each row")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--base-port", type=int, default=6100, help="uses base+1..base+3")
    parser.add_argument("--ballot-rate", type=float, default=10.0, help="ballots per second")
    parser.add_argument("--rows", default="", help="only rows whose name contains this")
    parser.add_argument("--no-varnish", action="store_true", help="skip the Varnish rows")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if args.quick:
        args.duration = 2
    if args.warmup is None:
        args.warmup = 1 if args.quick else 2
    return args


def main() -> int:
    args = parse_arguments()
    if not shutil.which("wrk"):
        print("bench-pages needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2
    varnish = shutil.which("varnishd") and not args.no_varnish
    rows = [row for row in ROWS if args.rows.lower() in row.name.lower()]
    if not varnish:
        rows = [row for row in rows if row.cache != VARNISH]
    ports = {OFF: args.base_port + 1, ON: args.base_port + 2, VARNISH: args.base_port + 3}
    ports[NONE] = ports[ON]
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "servers.log").open("w")
    processes = Processes()

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    failed = False
    results = []
    vcl_source = None
    ballots_report = None
    load_before = os.getloadavg()
    try:
        recreate_database()
        flush_redis()
        off_env = environment(True, CACHE_PREFIXES[0])
        on_env = environment(False, CACHE_PREFIXES[1])
        loaded = load(on_env)
        servers = {
            OFF: start_gunicorn(processes, off_env, ports[OFF], args, log),
            ON: start_gunicorn(processes, on_env, ports[ON], args, log),
        }
        for cache, server in servers.items():
            wait_until_up(ports[cache], server, f"gunicorn (cache {cache})")
        if varnish:
            server, vcl_source = start_varnish(processes, ports[ON], ports[VARNISH], log)
            wait_until_up(ports[VARNISH], server, "varnishd")
        cookies = {ANONYMOUS: None, SIGNED_IN: loaded["session_cookie"]}
        ballots = None
        for row in rows:
            url = loaded["urls"].get(row.url, row.url)
            port, cookie = ports[row.cache], cookies[row.reader]
            if row.ballots and ballots is None:
                ballots = processes.start(
                    [
                        *(PYTHON, str(HERE / "ballots.py"), "--port", str(ports[OFF])),
                        *("--poll", str(loaded["poll"]), "--rate", str(args.ballot_rate)),
                    ],
                    stdout=subprocess.PIPE,
                    stderr=log,
                    text=True,
                )
                time.sleep(1)
            status, _headers = get(port, url, cookie)
            if status != 200:
                results.append((row, {"error": f"HTTP {status}"}))
                failed = True
                print(f"  {row.name} ({row.cache}, {row.reader}): {url} answered {status}")
                continue
            measure(port, url, args.warmup, args.connections, cookie)
            result = measure(port, url, args.duration, args.connections, cookie)
            results.append((row, result))
            print(
                f"  {row.name} ({row.cache}, {row.reader}): {result['rps']:,.0f} req/s, "
                f"p99 {result['p99']:.1f} ms",
                flush=True,
            )
        if ballots is not None:
            processes.stop(ballots)
            output = ballots.stdout.read().strip().splitlines()
            ballots_report = json.loads(output[-1]) if output else None
    except BenchError as error:
        print(f"bench-pages: {error}", file=sys.stderr)
        failed = True
    except KeyboardInterrupt:
        print("bench-pages: interrupted; stopping the servers", file=sys.stderr)
        failed = True
    finally:
        processes.stop_all()
        log.close()
        if not args.keep:
            try:
                drop_database()
            except Exception as error:  # cleanup must not hide the result
                print(f"bench-pages: could not drop {DATABASE}: {error}", file=sys.stderr)

    load_after = os.getloadavg()
    header = [
        f"bench-pages · demo content · gunicorn {args.workers}x{args.threads} gthread per "
        f"server, production settings · wrk -c{args.connections} · {args.duration:g} s per row "
        f"(+{args.warmup:g} s warm-up) · {os.cpu_count()} CPUs · load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after",
        "cache: off = application caches off ("
        + ", ".join(f"{k}=0" for k in CACHE_OFF_ENV)
        + "), on = application caches on, varnish = through Varnish in front of 'on'"
        + (f" ({vcl_source.relative_to(ROOT)})" if vcl_source else " (not run)"),
    ]
    if ballots_report:
        header.append(
            f"ballots cast meanwhile: {ballots_report['accepted']} accepted "
            f"({ballots_report['per_second']:.1f}/s), {ballots_report['refused']} refused, "
            f"{ballots_report['failed']} failed; ballot POST p50 "
            f"{ballots_report['p50_ms']:.0f} ms, p99 {ballots_report['p99_ms']:.0f} ms"
        )
    if results:
        print_table(results, header)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
