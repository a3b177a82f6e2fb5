"""Keeping the index in step with the database, losing nothing.

1. A change calls ``mark_dirty(source, ids)``: it upserts outbox entries in
   the same transaction as the change, so they exist exactly when the
   change does.
2. After the commit a background task (django-tasks: immediate in tests and
   development, the database queue and ``db_worker`` in production) runs
   ``search.tasks.process_outbox``: it leases a batch of entries, rebuilds their
   documents from the database, writes them to the backend and deletes
   the entries it handled. The periodic job ``search.drain_outbox`` does
   the same every PORTAL_SEARCH_OUTBOX_EVERY, so that entries left waiting
   after an outage are written without a new change.
3. If the backend is unreachable (``SearchUnavailable``), the entries stay,
   with a growing back-off; nothing is dropped. If it rejects something
   else, the batch is split in halves until the rejected documents are
   alone; the others are written. A document rejected on its own
   PORTAL_SEARCH_MAX_ATTEMPTS times is parked with its error until it
   changes again or an operator retries it (``search_check --fix``).
   An entry marked again while it is being processed keeps its newer
   timestamp and is processed again.
4. While ``reindex`` builds a new index beside the live one (an active
   ``IndexRebuild`` row with a fresh heartbeat, see ``search.rebuilds``),
   processing pauses and entries are kept; the rebuild writes them into
   the new index before it swaps it in (``catch_up``).
"""

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from search import registry
from search.backends import get_backend
from search.backends.base import IndexWriter
from search.documents import SearchDocument
from search.models import IndexRebuild, OutboxEntry
from search.outages import is_outage

logger = logging.getLogger(__name__)

# Sent after a commit that wrote outbox entries; search.tasks drains them.
outbox_filled = Signal()

BATCH_SIZE = 200
LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(minutes=30)
DEFAULT_MAX_ATTEMPTS = 5


def max_attempts() -> int:
    return max(1, getattr(settings, "PORTAL_SEARCH_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def mark_dirty(source: str, ids) -> None:
    ids = sorted({int(object_id) for object_id in ids})
    if not ids:
        return
    now = timezone.now()
    # A new change deserves fresh tries, also for a parked document.
    OutboxEntry.objects.bulk_create(
        [
            OutboxEntry(source=source, object_id=object_id, enqueued_at=now, available_at=now)
            for object_id in ids
        ],
        update_conflicts=True,
        unique_fields=["source", "object_id"],
        update_fields=["enqueued_at", "available_at", "attempts", "last_error", "parked_at"],
    )
    transaction.on_commit(lambda: outbox_filled.send(sender=OutboxEntry))


def pending_entries():
    return OutboxEntry.objects.filter(parked_at__isnull=True)


def lease_batch(limit: int = BATCH_SIZE) -> list[OutboxEntry]:
    now = timezone.now()
    with transaction.atomic():
        entries = list(
            pending_entries()
            .select_for_update(skip_locked=True)
            .filter(available_at__lte=now)
            .order_by("available_at", "id")[:limit]
        )
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            available_at=now + LEASE
        )
    return entries


@dataclass
class WriteOutcome:
    written: list[OutboxEntry] = field(default_factory=list)
    rejected: list[OutboxEntry] = field(default_factory=list)
    unavailable: Exception | None = None


def write_isolated(writer: IndexWriter, entries: list[OutboxEntry]) -> WriteOutcome:
    """Writes ``entries``, splitting the batch on a rejection to isolate the culprits.

    An outage stops at once: the rest wait for their back-off.
    """
    outcome = WriteOutcome()
    groups = [entries]
    while groups:
        group = groups.pop()
        try:
            apply_entries(group, writer)
        except Exception as error:
            if is_outage(error):
                waiting = [entry for rest in (group, *groups) for entry in rest]
                back_off(waiting, error, rejected=False)
                outcome.unavailable = error
                break
            if len(group) > 1:
                middle = len(group) // 2
                groups += [group[middle:], group[:middle]]  # the first half next
                continue
            logger.warning("Search backend rejected %s: %s", group[0], error)
            back_off(group, error, rejected=True)
            outcome.rejected += group
        else:
            outcome.written += group
    return outcome


def forget(entries: list[OutboxEntry]) -> bool:
    """Deletes the written entries (unless marked again); False while a rebuild runs.

    During a rebuild the live index is about to be replaced: the entries
    stay for its catch-up. The check runs in the deleting transaction, so
    a rebuild starting later reads the changes itself.
    """
    if not entries:
        return not IndexRebuild.objects.filter(active=True).exists()
    with transaction.atomic():
        if IndexRebuild.objects.filter(active=True).exists():
            return False
        OutboxEntry.objects.filter(written_now(entries)).delete()
    return True


def written_now(entries: list[OutboxEntry]) -> Q:
    done = Q(pk__in=[])
    for entry in entries:
        done |= Q(pk=entry.pk, enqueued_at=entry.enqueued_at)
    return done


def apply_entries(entries: list[OutboxEntry], writer: IndexWriter | None = None) -> None:
    ids_by_source = defaultdict(set)
    for entry in entries:
        ids_by_source[entry.source].add(entry.object_id)
    upserts: list[SearchDocument] = []
    deletions: list[str] = []
    for name, ids in ids_by_source.items():
        source = registry.get_source(name)
        documents = source.documents(ids)
        upserts.extend(documents.values())
        deletions.extend(source.key(object_id) for object_id in ids - set(documents))
    writer = writer or get_backend()
    if upserts:
        writer.upsert(upserts)
    if deletions:
        writer.delete(deletions)


def back_off(entries: list[OutboxEntry], error: Exception, *, rejected: bool) -> None:
    """Retries later; parks a document rejected on its own too often."""
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:2000]
    for entry in entries:
        attempts = entry.attempts + 1
        delay = min(MAX_BACKOFF, timedelta(seconds=5 * 2 ** min(entry.attempts, 12)))
        parked = rejected and attempts >= max_attempts()
        if parked:
            logger.error("Search update %s parked after %d attempts: %s", entry, attempts, message)
        # An entry marked again meanwhile keeps its fresh start.
        OutboxEntry.objects.filter(pk=entry.pk, enqueued_at=entry.enqueued_at).update(
            attempts=attempts,
            last_error=message,
            available_at=now + delay,
            parked_at=now if parked else None,
        )


def catch_up(writer: IndexWriter) -> list[OutboxEntry]:
    """Writes every waiting entry into ``writer`` (a rebuild's new index), each once.

    Returns the entries written; the rebuild deletes them when it swaps, so
    that a rebuild that never swaps leaves them for the live index.
    """
    written = []
    ids = list(pending_entries().order_by("id").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        entries = list(OutboxEntry.objects.filter(pk__in=ids[start : start + BATCH_SIZE]))
        outcome = write_isolated(writer, entries)
        written += outcome.written
        if outcome.unavailable is not None:
            raise outcome.unavailable
    return written


FINGERPRINTED = (
    "kind",
    "title",
    "subtitle",
    "body",
    "author",
    "url",
    "project_id",
    "project_title",
    "department_id",
    "district_id",
    "topic_ids",
    "audience",
    "group_ids",
    "page_path",
    "published_at",
)
# Fields added later: hashed only when set, so the documents without them keep
# their fingerprints (``search_check`` does not call the whole index stale).
FINGERPRINTED_WHEN_SET = ("state",)


def fingerprint(document: SearchDocument) -> str:
    """A hash of everything a document shows or is found by, to spot stale entries."""
    digest = hashlib.blake2b(digest_size=16)
    for name in FINGERPRINTED:
        digest.update(repr(getattr(document, name)).encode())
        digest.update(b"\x1f")
    for name in FINGERPRINTED_WHEN_SET:
        if value := getattr(document, name):
            digest.update(f"{name}={value!r}".encode())
            digest.update(b"\x1f")
    return digest.hexdigest()
