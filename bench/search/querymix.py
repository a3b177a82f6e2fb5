"""The queries phase: terms picked from the index, the mix on both backends, percentiles."""

import itertools
import multiprocessing
import time

from phases import django_setup, report


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
    # Two selective words that rarely share a text (full matches do not fill a
    # page: the partial-match pass runs), a selective word next to a frequent
    # one, and natural questions around them.
    partial = [f"{a} {b}" for a, b in itertools.pairwise(selective[:4])]
    partial.append(f"{frequent[0][0]} {selective[-1]}")
    questions = [
        f"Wann wird {selective[0]} endlich gebaut?",
        f"Warum gibt es so wenige {selective[1]} in der {frequent[1][0]}?",
        f"Wo kann man {selective[2]} finden?",
    ]
    return {
        "total": total,
        "partial": partial,
        "question": questions,
        "selective": selective,
        "frequent": [word for word, _ in frequent],
        "frequent_share": [round(n / total, 3) for _, n in frequent],
        "worst": [worst[0]],
        "worst_share": round(worst[1] / total, 3),
        "phrase": phrases,
        "typo": typos,
    }


KINDS = ("selective", "frequent", "worst", "phrase", "typo", "partial", "question")


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
    from participation.page_access import PageAccess
    from search.forms import SearchForm
    from search.service import run_search

    data = {"q": query}
    if kind:
        data["kind"] = [kind]
    form = SearchForm(data)
    assert form.is_valid(), form.errors
    # An anonymous visitor of every site: what the portal's search page runs for most requests.
    run_search(form, PageAccess())


def stock_search(query: str, kind: str | None = None) -> None:
    from wagtail.search.backends import get_search_backend
    from wagtail.search.query import Phrase

    from bench.searchbench.models import Contribution

    queryset = Contribution.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    words = Phrase(query.strip('"')) if query.startswith('"') else query.rstrip("?")
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
