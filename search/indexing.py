"""Keeping the index in step with the database, losing nothing.

1. A change calls ``mark_dirty(source, ids)``: it upserts outbox entries in
   the same transaction as the change, so they exist exactly when the
   change does.
2. After the commit a background task (django-tasks: immediate in tests and
   development, the database queue and ``db_worker`` in production) runs
   ``process_outbox``: it leases a batch of entries, rebuilds their
   documents from the database, writes them to the backend and deletes
   the entries it handled.
3. If the backend fails (Elasticsearch unreachable), the entries stay,
   with a growing back-off; nothing is dropped. An entry marked again while
   it is being processed keeps its newer timestamp and is processed again.
4. While ``reindex`` builds a new index beside the live one, processing
   pauses; what changed meanwhile is written to the new index after the swap.
"""

import hashlib
import logging
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from search import registry
from search.backends import get_backend
from search.documents import SearchDocument
from search.models import OutboxEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(minutes=30)
REBUILD_FLAG = "search:rebuild-in-progress"
REBUILD_TIMEOUT = 6 * 3600


@contextmanager
def rebuilding():
    """Pauses outbox processing while a full rebuild fills a new index."""
    cache.set(REBUILD_FLAG, True, timeout=REBUILD_TIMEOUT)
    try:
        yield
    finally:
        cache.delete(REBUILD_FLAG)


def mark_dirty(source: str, ids) -> None:
    ids = sorted({int(object_id) for object_id in ids})
    if not ids:
        return
    now = timezone.now()
    OutboxEntry.objects.bulk_create(
        [
            OutboxEntry(source=source, object_id=object_id, enqueued_at=now, available_at=now)
            for object_id in ids
        ],
        update_conflicts=True,
        unique_fields=["source", "object_id"],
        update_fields=["enqueued_at", "available_at"],
    )
    transaction.on_commit(schedule_processing)


def schedule_processing() -> None:
    from search.tasks import process_search_outbox

    try:
        process_search_outbox.enqueue()
    except Exception:  # the entries are safe in the outbox; the next run picks them up
        logger.exception("Could not enqueue search outbox processing")


def lease_batch(limit: int = BATCH_SIZE) -> list[OutboxEntry]:
    now = timezone.now()
    with transaction.atomic():
        entries = list(
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(available_at__lte=now)
            .order_by("available_at", "id")[:limit]
        )
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
            available_at=now + LEASE
        )
    return entries


def process_outbox(max_batches: int | None = None) -> int:
    """Handles due outbox entries; returns how many were written to the backend."""
    if cache.get(REBUILD_FLAG):
        return 0
    processed = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        entries = lease_batch()
        if not entries:
            break
        batches += 1
        try:
            apply_entries(entries)
        except Exception as error:
            logger.warning("Search backend failed; %d updates kept for later", len(entries))
            back_off(entries, error)
            break
        done = Q(pk__in=[])
        for entry in entries:
            done |= Q(pk=entry.pk, enqueued_at=entry.enqueued_at)
        OutboxEntry.objects.filter(done).delete()
        processed += len(entries)
    return processed


def apply_entries(entries: list[OutboxEntry]) -> None:
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
    backend = get_backend()
    if upserts:
        backend.upsert(upserts)
    if deletions:
        backend.delete(deletions)


def back_off(entries: list[OutboxEntry], error: Exception) -> None:
    now = timezone.now()
    for entry in entries:
        delay = min(MAX_BACKOFF, timedelta(seconds=5 * 2 ** min(entry.attempts, 12)))
        OutboxEntry.objects.filter(pk=entry.pk).update(
            attempts=entry.attempts + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            available_at=now + delay,
        )


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


def fingerprint(document: SearchDocument) -> str:
    """A hash of everything a document shows or is found by, to spot stale entries."""
    digest = hashlib.blake2b(digest_size=16)
    for name in FINGERPRINTED:
        digest.update(repr(getattr(document, name)).encode())
        digest.update(b"\x1f")
    return digest.hexdigest()
