"""The German relevance set (tests/search/relevance): recall@10 per backend, no must-not hits.

One test per backend indexes the whole set once and runs every query;
``make search-quality`` runs this file and prints the tables.
"""

from collections import Counter

import pytest

from search.documents import Hit, SearchResults
from tests.search.relevance.runner import (
    PHENOMENA,
    InvalidRelevanceData,
    evaluate,
    format_table,
    load,
)

MIN_RECALL = {"postgres": 0.95, "elasticsearch": 0.95, "simple": 0.90}
MIN_QUERIES = 150
MIN_PER_PHENOMENON = 8


def test_relevance(backend):
    result = evaluate(backend)
    table = format_table(result)
    print("\n" + table)
    threshold = MIN_RECALL[backend.name]
    assert result.mean_recall >= threshold, (
        f"mean recall@10 {result.mean_recall:.3f} < {threshold} on {backend.name}\n{table}"
    )
    assert result.must_not_hits == 0, f"{result.must_not_hits} must-not hits\n{table}"


def test_data_is_consistent_and_large_enough():
    relevance = load()
    tags = Counter(query.phenomenon for query in relevance.queries)
    assert len(relevance.queries) >= MIN_QUERIES, f"only {len(relevance.queries)} queries"
    thin = {tag: tags[tag] for tag in PHENOMENA if tags[tag] < MIN_PER_PHENOMENON}
    assert not thin, f"phenomena with fewer than {MIN_PER_PHENOMENON} queries: {thin}"


def test_loader_refuses_dangling_and_duplicate_ids(tmp_path):
    document = "  - {id: x-1, kind: comment, title: Radweg}\n"
    (tmp_path / "a.yaml").write_text(
        "documents:\n" + document + "queries:\n"
        "  - {q: Radweg, phenomenon: stemming, must: [x-2], must_not: []}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRelevanceData, match="x-2"):
        load(tmp_path)
    (tmp_path / "a.yaml").write_text("documents:\n" + document, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("documents:\n" + document, encoding="utf-8")
    with pytest.raises(InvalidRelevanceData, match="x-1"):
        load(tmp_path)


def test_loader_refuses_unknown_tags(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "documents:\n  - {id: x-1, kind: comment, title: Radweg}\nqueries:\n"
        "  - {q: Radweg, phenomenon: spelling, must: [x-1]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRelevanceData, match="spelling"):
        load(tmp_path)


class FixedBackend:
    """Answers every query with the same keys; records what was indexed."""

    name = "fixed"

    def __init__(self, keys):
        self.keys = keys
        self.indexed = []

    def rebuild(self, batches):
        self.indexed = [document for batch in batches for document in batch]
        return len(self.indexed)

    def search(self, query):
        return SearchResults(
            hits=[
                Hit(key=key, kind="comment", title=key, url="/", published_at=None)
                for key in self.keys
            ],
            total=len(self.keys),
            page=1,
            page_size=query.page_size,
        )


def test_scores_recall_and_must_not_hits(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "documents:\n"
        "  - {id: x-1, kind: comment, title: Radweg, days_ago: 3}\n"
        "  - {id: x-2, kind: project, title: Fußweg}\n"
        "  - {id: x-3, kind: comment, title: Nordplatz}\n"
        "queries:\n"
        "  - {q: Radweg OR Fußweg, phenomenon: operators, must: [x-1, x-2], must_not: [x-3]}\n",
        encoding="utf-8",
    )
    backend = FixedBackend(["relevance:x-1", "relevance:x-3"])
    result = evaluate(backend, load(tmp_path))
    assert [document.key for document in backend.indexed] == [
        "relevance:x-1",
        "relevance:x-2",
        "relevance:x-3",
    ]
    assert backend.indexed[1].kind == "project"
    assert result.mean_recall == 0.5
    assert result.must_not_hits == 1
    table = format_table(result)
    assert "operators          1        0     0.500        1" in table
    assert "'Radweg OR Fußweg': recall 0.50, missing x-2, must-not found x-3" in table
