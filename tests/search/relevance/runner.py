"""The German relevance set: load the judgements, index them, run the queries, score.

Every ``data/*.yaml`` holds ``documents`` and ``queries`` (see the files).
A query's ``must`` ids must be in the first ten hits (recall@10), its
``must_not`` ids must not be there. ``evaluate`` indexes every document
in one rebuild and runs every query once; ``format_table`` prints one
table per backend: per phenomenon, a total row, then the failing queries.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils import timezone

from search.backends.base import SearchBackend, SearchQuery
from search.documents import SearchDocument
from search.text import parse_query

DATA_DIR = Path(__file__).parent / "data"
TOP = 10
MAX_MUST = 10

PHENOMENA = (
    "umlaut",
    "digraph",
    "sharp_s",
    "compound",
    "stemming",
    "derivation",
    "partial",
    "question",
    "operators",
    "typo",
    "phrase",
    "exclusion",
    "prefix",
    "names",
)
KINDS = ("project", "page", "poll", "comment", "answer", "proposal")
DOCUMENT_FIELDS = {"id", "kind", "title", "subtitle", "body", "author", "days_ago"}
QUERY_FIELDS = {"q", "phenomenon", "must", "must_not", "why"}


class InvalidRelevanceData(ValueError):
    """The data files contradict themselves (duplicate ids, unknown tags, dangling ids)."""


@dataclass
class JudgedDocument:
    id: str
    kind: str
    title: str
    body: str
    source: str
    subtitle: str = ""
    author: str = ""
    days_ago: int = 0


@dataclass
class JudgedQuery:
    q: str
    phenomenon: str
    must: list[str]
    must_not: list[str]
    why: str
    source: str


@dataclass
class RelevanceSet:
    documents: list[JudgedDocument]
    queries: list[JudgedQuery]


def load(data_dir: Path = DATA_DIR) -> RelevanceSet:
    """Every data file, validated; raises InvalidRelevanceData on the first problem."""
    documents: list[JudgedDocument] = []
    queries: list[JudgedQuery] = []
    ids_by_file: dict[str, set[str]] = {}
    seen: dict[str, str] = {}
    paths = sorted(data_dir.glob("*.yaml"))
    if not paths:
        raise InvalidRelevanceData(f"No data files in {data_dir}.")
    for path in paths:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        ids_by_file[path.name] = set()
        for raw in content.get("documents") or []:
            document = _document(raw, path.name)
            if document.id in seen:
                raise InvalidRelevanceData(
                    f"{path.name}: id {document.id} is also in {seen[document.id]}."
                )
            seen[document.id] = path.name
            ids_by_file[path.name].add(document.id)
            documents.append(document)
        queries += [_query(raw, path.name) for raw in content.get("queries") or []]
    for query in queries:
        unknown = [i for i in query.must + query.must_not if i not in ids_by_file[query.source]]
        if unknown:
            raise InvalidRelevanceData(
                f"{query.source}: query {query.q!r} names ids not in its file: {unknown}."
            )
        if set(query.must) & set(query.must_not):
            raise InvalidRelevanceData(f"{query.source}: {query.q!r} has an id in both lists.")
    return RelevanceSet(documents=documents, queries=queries)


def _document(raw: dict, source: str) -> JudgedDocument:
    extra = set(raw) - DOCUMENT_FIELDS
    if extra or not raw.get("id") or not raw.get("title"):
        raise InvalidRelevanceData(f"{source}: document {raw!r}: id and title needed, {extra}?")
    if raw.get("kind") not in KINDS:
        raise InvalidRelevanceData(f"{source}: {raw['id']} has unknown kind {raw.get('kind')!r}.")
    return JudgedDocument(
        id=str(raw["id"]),
        kind=raw["kind"],
        title=str(raw["title"]),
        subtitle=str(raw.get("subtitle") or ""),
        body=str(raw.get("body") or ""),
        author=str(raw.get("author") or ""),
        days_ago=int(raw.get("days_ago") or 0),
        source=source,
    )


def _query(raw: dict, source: str) -> JudgedQuery:
    extra = set(raw) - QUERY_FIELDS
    if extra or not raw.get("q"):
        raise InvalidRelevanceData(f"{source}: query {raw!r}: q needed, unknown fields {extra}.")
    if raw.get("phenomenon") not in PHENOMENA:
        raise InvalidRelevanceData(
            f"{source}: {raw['q']!r} has unknown phenomenon {raw.get('phenomenon')!r}."
        )
    must = [str(i) for i in raw.get("must") or []]
    must_not = [str(i) for i in raw.get("must_not") or []]
    if not 1 <= len(must) <= MAX_MUST or len(set(must)) != len(must):
        raise InvalidRelevanceData(f"{source}: {raw['q']!r} needs 1..{MAX_MUST} distinct must ids.")
    return JudgedQuery(
        q=str(raw["q"]),
        phenomenon=raw["phenomenon"],
        must=must,
        must_not=must_not,
        why=str(raw.get("why") or ""),
        source=source,
    )


def search_documents(documents: list[JudgedDocument]) -> list[SearchDocument]:
    now = timezone.now()
    return [
        SearchDocument(
            key=f"relevance:{document.id}",
            kind=document.kind,
            title=document.title,
            subtitle=document.subtitle,
            body=document.body,
            author=document.author,
            url=f"/relevance/{document.id}/",
            published_at=now - datetime.timedelta(days=document.days_ago),
        )
        for document in documents
    ]


@dataclass
class QueryOutcome:
    query: JudgedQuery
    found: list[str]  # ids of the top ten, in order

    @property
    def missing(self) -> list[str]:
        return [i for i in self.query.must if i not in self.found]

    @property
    def recall(self) -> float:
        return 1 - len(self.missing) / len(self.query.must)

    @property
    def forbidden(self) -> list[str]:
        return [i for i in self.query.must_not if i in self.found]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.forbidden


@dataclass
class PhenomenonRow:
    name: str
    queries: int = 0
    complete: int = 0
    recall_sum: float = 0.0
    must_not_hits: int = 0

    @property
    def mean_recall(self) -> float:
        return self.recall_sum / self.queries if self.queries else 0.0

    def add(self, outcome: QueryOutcome) -> None:
        self.queries += 1
        self.complete += outcome.recall == 1.0
        self.recall_sum += outcome.recall
        self.must_not_hits += len(outcome.forbidden)


@dataclass
class RelevanceResult:
    backend: str
    outcomes: list[QueryOutcome] = field(default_factory=list)

    def rows(self) -> list[PhenomenonRow]:
        rows: dict[str, PhenomenonRow] = {}
        for outcome in self.outcomes:
            name = outcome.query.phenomenon
            rows.setdefault(name, PhenomenonRow(name)).add(outcome)
        return [rows[name] for name in PHENOMENA if name in rows]

    def total(self) -> PhenomenonRow:
        total = PhenomenonRow("total")
        for outcome in self.outcomes:
            total.add(outcome)
        return total

    @property
    def mean_recall(self) -> float:
        return self.total().mean_recall

    @property
    def must_not_hits(self) -> int:
        return self.total().must_not_hits

    @property
    def failures(self) -> list[QueryOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]


def evaluate(backend: SearchBackend, relevance: RelevanceSet | None = None) -> RelevanceResult:
    """Indexes the whole set in one rebuild, runs every query, and scores the first ten hits."""
    relevance = relevance or load()
    backend.rebuild(iter([search_documents(relevance.documents)]))
    result = RelevanceResult(backend=backend.name)
    for query in relevance.queries:
        hits = backend.search(SearchQuery(parsed=parse_query(query.q), page_size=TOP)).hits
        found = [hit.key.removeprefix("relevance:") for hit in hits[:TOP]]
        result.outcomes.append(QueryOutcome(query=query, found=found))
    return result


def format_table(result: RelevanceResult) -> str:
    header = f"{'phenomenon':<12} {'queries':>7} {'complete':>8} {'recall@10':>9} {'must-not':>8}"
    lines = [f"Relevance on {result.backend}", header, "-" * len(header)]
    for row in [*result.rows(), result.total()]:
        if row.name == "total":
            lines.append("-" * len(header))
        lines.append(
            f"{row.name:<12} {row.queries:>7} {row.complete:>8} "
            f"{row.mean_recall:>9.3f} {row.must_not_hits:>8}"
        )
    failures = result.failures
    if failures:
        lines += ["", f"Failing queries ({len(failures)}):"]
        for outcome in failures:
            lines.append(
                f"  [{outcome.query.phenomenon}] {outcome.query.q!r}: recall {outcome.recall:.2f}"
                + (f", missing {', '.join(outcome.missing)}" if outcome.missing else "")
                + (f", must-not found {', '.join(outcome.forbidden)}" if outcome.forbidden else "")
            )
    return "\n".join(lines)
