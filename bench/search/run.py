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
import itertools
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "bench_search"
PORT = os.environ.get("BENCH_PG_PORT", "5432")
ADMIN_URL = f"postgres://postgres@127.0.0.1:{PORT}/postgres"
# A PostgreSQL configured as a production server with this machine's memory
# would be (see README); --own-server starts one on port 5433 for the run.
SERVER_SETTINGS = {
    "shared_buffers": "2GB",
    "effective_cache_size": "12GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "random_page_cost": "1.1",
    "max_wal_size": "4GB",
    "jit": "off",
}
PG_BIN = Path("/usr/lib/postgresql/15/bin")
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORT}/{DATABASE}",
    "SECRET_KEY": "bench-only-key-" + "x" * 40,
    "ALLOWED_HOSTS": "localhost",
    "REDIS_URL": "redis://127.0.0.1:6379/10",
    "WAGTAILADMIN_BASE_URL": "http://localhost",
    "EMAIL_HOST": "localhost",
    "DATABASE_CONN_MAX_AGE": "600",
}


def django_setup():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(data: dict) -> None:
    print("RESULT " + json.dumps(data), flush=True)


# Phases


def setup(documents: int) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    django_setup()
    from django.core.management import call_command
    from django.db import connection
    from rich.progress import Progress

    from bench.search.corpus import Corpus

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    columns = (
        "kind, title, body, author, project_id, project_title, department_id, district_id, "
        "topic_ids, published_at"
    )
    with Progress() as progress, connection.cursor() as cursor:
        task = progress.add_task("Generating contributions", total=documents)
        corpus = iter(Corpus(seed=1))
        remaining = documents
        while remaining:
            batch = min(remaining, 10_000)
            with cursor.copy(f"COPY searchbench_contribution ({columns}) FROM STDIN") as copy:
                for _ in range(batch):
                    c = next(corpus)
                    copy.write_row(
                        (
                            c.kind,
                            c.title,
                            c.body,
                            c.author,
                            c.project_id,
                            c.project_title,
                            c.department_id,
                            c.district_id,
                            json.dumps(c.topic_ids),
                            c.published_at,
                        )
                    )
            remaining -= batch
            progress.advance(task, batch)
        cursor.execute("ANALYZE searchbench_contribution")
    report(
        {"phase": "setup", "seconds": time.perf_counter() - started, "peak_mb": peak_memory_mb()}
    )


def index() -> None:
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("reindex", verbosity=1)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry'), "
            "pg_total_relation_size('search_lexeme')"
        )
        table_bytes, lexicon_bytes = cursor.fetchone()
    report(
        {
            "phase": "index",
            "seconds": seconds,
            "peak_mb": peak_memory_mb(),
            "table_mb": table_bytes / 2**20,
            "lexicon_mb": lexicon_bytes / 2**20,
        }
    )


def stock_index() -> None:
    django_setup()
    from rich.progress import Progress
    from wagtail.search.backends import get_search_backend

    from bench.searchbench.models import Contribution

    backend = get_search_backend()
    backend.reset_indexes()
    started = time.perf_counter()
    total = Contribution.objects.count()
    last_pk = 0
    with Progress() as progress:
        task = progress.add_task("Wagtail stock indexing", total=total)
        while True:
            batch = list(Contribution.objects.filter(pk__gt=last_pk).order_by("pk")[:2000])
            if not batch:
                break
            backend.add_bulk(Contribution, batch)
            last_pk = batch[-1].pk
            progress.advance(task, len(batch))
    report(
        {
            "phase": "stock-index",
            "seconds": time.perf_counter() - started,
            "peak_mb": peak_memory_mb(),
        }
    )


def pick_terms() -> dict:
    """Query words chosen from the index's own statistics, so the mix means the same at any size."""
    from django.db import connection

    from search.text import FOLDED_STOP_WORDS

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchentry")
        total = cursor.fetchone()[0]
        # Words that are no part of longer words: with its compounds a word
        # matches far more than its own count.
        cursor.execute(
            "SELECT l.lexeme, l.ndoc FROM search_lexeme l "
            "WHERE length(l.lexeme) >= 5 AND l.lexeme ~ '^[a-z]+$' AND NOT EXISTS ("
            "SELECT 1 FROM search_lexeme c WHERE c.lexeme LIKE '%%' || l.lexeme || '%%' "
            "AND c.lexeme <> l.lexeme) ORDER BY l.ndoc DESC"
        )
        lexemes = [(word, n) for word, n in cursor.fetchall() if word not in FOLDED_STOP_WORDS]
        # Phrases as people quote them: two neighbouring words from real bodies.
        cursor.execute("SELECT body FROM search_searchentry ORDER BY id LIMIT 50")
        bodies = [row[0] for row in cursor.fetchall()]
    selective = [w for w, n in lexemes if 0.0002 * total <= n <= 0.001 * total][::7][:5]
    frequent = sorted(lexemes, key=lambda item: abs(item[1] - 0.10 * total))[:3]
    worst = lexemes[0]
    typos = [typo(word) for word in selective[:3]]
    phrases = []
    for body in bodies:
        words = list(body.replace(".", " ").replace("?", " ").replace("!", " ").split())
        for first, second in itertools.pairwise(words):
            if len(first) > 4 and len(second) > 4 and first.lower() not in FOLDED_STOP_WORDS:
                phrases.append(f'"{first} {second}"')
                break
        if len(phrases) == 3:
            break
    return {
        "total": total,
        "selective": selective,
        "frequent": [word for word, _ in frequent],
        "frequent_share": [round(n / total, 3) for _, n in frequent],
        "worst": [worst[0]],
        "worst_share": round(worst[1] / total, 3),
        "phrase": phrases,
        "typo": typos,
    }


KINDS = ("selective", "frequent", "worst", "phrase", "typo")


def typo(word: str) -> str:
    """Two neighbouring letters swapped in the middle of the word (a different word)."""
    for position in range(len(word) // 2, len(word) - 1):
        if word[position] != word[position + 1]:
            return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word[:-1]


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def portal_search(query: str, kind: str | None = None) -> None:
    from search.forms import SearchForm
    from search.service import run_search

    data = {"q": query}
    if kind:
        data["kind"] = [kind]
    form = SearchForm(data)
    assert form.is_valid(), form.errors
    run_search(form, None)


def stock_search(query: str, kind: str | None = None) -> None:
    from wagtail.search.backends import get_search_backend
    from wagtail.search.query import Phrase

    from bench.searchbench.models import Contribution

    queryset = Contribution.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    words = Phrase(query.strip('"')) if query.startswith('"') else query
    results = get_search_backend().search(words, queryset, operator="and")
    list(results[:10])
    results.count()
    if kind:
        results.facet("kind")


def _search_job(job) -> float:
    searcher, word, filter_kind = job
    return timed(portal_search if searcher == "portal" else stock_search, word, filter_kind)


def run_mix(searcher: str, terms: dict, repeats: int, concurrency: int) -> dict[str, list[float]]:
    """Each query kind on its own: ``concurrency`` client processes repeat that kind's queries.

    Processes, not threads, like a server's worker processes: threads in one
    Python process would mostly measure the interpreter lock.
    """
    batches = {kind: [(searcher, word, None) for word in terms[kind]] for kind in KINDS}
    batches["faceted"] = [(searcher, word, "comment") for word in terms["frequent"]]
    latencies: dict[str, list[float]] = {}
    context = multiprocessing.get_context("fork")
    with context.Pool(concurrency, initializer=django_setup) as pool:
        for kind, queries in batches.items():
            # Warm-up, once per worker and query: the first run reads from disk.
            pool.map(_search_job, queries * concurrency, chunksize=1)
            latencies[kind] = pool.map(_search_job, queries * repeats, chunksize=1)
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def queries(levels: list[int], repeats: int, stock_repeats: int, skip_stock: bool) -> None:
    """The mix at each concurrency level; Wagtail's stock backend (slow) at the first only."""
    django_setup()
    terms = pick_terms()
    from django.db import connections

    connections.close_all()  # the workers are forked: they must open their own
    tables = {}
    for number, concurrency in enumerate(levels):
        ours = run_mix("portal", terms, repeats, concurrency)
        compare = not skip_stock and number == 0
        stock = run_mix("stock", terms, stock_repeats, concurrency) if compare else {}
        tables[concurrency] = {
            kind: {
                "p50": percentile(values, 0.5),
                "p95": percentile(values, 0.95),
                "stock_p50": percentile(stock[kind], 0.5) if kind in stock else None,
                "stock_p95": percentile(stock[kind], 0.95) if kind in stock else None,
                "n": len(values),
            }
            for kind, values in ours.items()
        }
    report({"phase": "queries", "terms": terms, "tables": tables})


# Orchestration


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
        global ADMIN_URL
        port = "5433"
        ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"
        ADMIN_URL = f"postgres://postgres@127.0.0.1:{port}/postgres"
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


def print_summary(results: dict, args) -> None:
    query = results["queries"]
    terms = query["terms"]
    print(f"\nSearch benchmark: {terms['total']:,} contributions")
    if "index" in results:
        index = results["index"]
        print(
            f"Portal index build: {index['seconds']:.0f} s, "
            f"indexer peak memory {index['peak_mb']:.0f} MB, "
            f"table {index['table_mb']:.0f} MB, lexicon {index['lexicon_mb']:.0f} MB"
        )
    if "stock-index" in results:
        stock = results["stock-index"]
        print(
            f"Wagtail stock index build: {stock['seconds']:.0f} s, "
            f"peak memory {stock['peak_mb']:.0f} MB"
        )
    print(
        f"Terms: selective {terms['selective']}, frequent {terms['frequent']} "
        f"(share {terms['frequent_share']}), worst {terms['worst']} ({terms['worst_share']}), "
        f"phrase {terms['phrase']}, typo {terms['typo']}"
    )
    for concurrency, rows in query["tables"].items():
        print(f"\n{concurrency} concurrent clients")
        print(
            f"{'query kind':<12} {'portal p50':>11} {'p95':>8} {'stock p50':>10} {'p95':>8} "
            f"{'speed-up p95':>13}"
        )
        for kind, row in rows.items():
            stock_p50 = f"{row['stock_p50']:.0f}" if row["stock_p50"] is not None else "-"
            stock_p95 = f"{row['stock_p95']:.0f}" if row["stock_p95"] is not None else "-"
            speedup = f"{row['stock_p95'] / row['p95']:.0f}x" if row["stock_p95"] else "-"
            print(
                f"{kind:<12} {row['p50']:>9.1f}ms {row['p95']:>6.1f}ms "
                f"{stock_p50:>8}ms {stock_p95:>6}ms {speedup:>13}"
            )


if __name__ == "__main__":
    main()
