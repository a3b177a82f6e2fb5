"""Comparing the index with the database, and repairing the differences.

The outbox keeps the index in step change by change; this is the safety
net behind it: anything a change did not announce (an update without
signals, a restriction created in bulk, a bug) is found by comparing every
document's fingerprint with what the database says now, and re-indexed.
``manage.py search_check`` and the periodic job ``search.check_index`` use it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from search import registry
from search.backends import get_backend
from search.indexing import fingerprint, mark_dirty, pending_entries
from search.models import OutboxEntry
from search.tasks import process_outbox


@dataclass
class IndexReport:
    expected: int = 0
    indexed: int = 0
    pending: int = 0
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # indexed, but not visible any more
    parked: list[OutboxEntry] = field(default_factory=list)

    @property
    def differences(self) -> list[str]:
        return self.missing + self.stale + self.extra

    @property
    def parked_keys(self) -> set[str]:
        return {str(entry) for entry in self.parked}


def check_index() -> IndexReport:
    indexed = get_backend().indexed_fingerprints()
    expected: dict[str, str] = {}
    for source in registry.sources():
        for batch in source.iter_documents():
            expected.update({document.key: fingerprint(document) for document in batch})
    return IndexReport(
        expected=len(expected),
        indexed=len(indexed),
        pending=pending_entries().count(),
        missing=sorted(expected.keys() - indexed.keys()),
        stale=sorted(k for k in expected.keys() & indexed.keys() if expected[k] != indexed[k]),
        extra=sorted(indexed.keys() - expected.keys()),
        parked=parked_entries(),
    )


def parked_entries() -> list[OutboxEntry]:
    return list(OutboxEntry.objects.filter(parked_at__isnull=False).order_by("parked_at", "id"))


def retry_parked() -> int:
    """Gives parked documents fresh tries; returns how many."""
    return OutboxEntry.objects.filter(parked_at__isnull=False).update(
        parked_at=None, attempts=0, available_at=timezone.now()
    )


def queue(keys: list[str]) -> None:
    by_source = defaultdict(list)
    for key in keys:
        source, object_id = key.split(":", 1)
        by_source[source].append(int(object_id))
    with transaction.atomic():
        for source, ids in by_source.items():
            mark_dirty(source, ids)


def repair(report: IndexReport) -> int:
    """Re-indexes every difference now; returns how many updates were written.

    Parked documents stay parked (they would fail again): ``retry_parked``
    is an operator's decision.
    """
    parked = report.parked_keys
    queue([key for key in report.differences if key not in parked])
    return process_outbox()


def check_and_repair() -> dict:
    """The periodic job: finds and repairs differences, says what it did."""
    report = check_index()
    written = repair(report) if report.differences else process_outbox()
    return {
        "missing": len(report.missing),
        "stale": len(report.stale),
        "not_visible": len(report.extra),
        "written": written,
        "parked": len(report.parked),
    }
