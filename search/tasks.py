"""Draining the search outbox: the task, and when it is queued.

``search.indexing`` writes outbox entries in the same transaction as the
change; once that commits, it sends ``outbox_filled`` and the task below
is queued. Entries wait safely until a worker (or the periodic job) drains
them.
"""

import logging

from django_tasks import task

from search import indexing, rebuilds
from search.backends import get_backend

logger = logging.getLogger("search.indexing")


def process_outbox(max_batches: int | None = None) -> int:
    """Handles due outbox entries; returns how many were written to the backend."""
    processed = 0
    batches = 0
    backend = get_backend()
    while max_batches is None or batches < max_batches:
        if rebuilds.pausing_rebuild() is not None:
            break
        entries = indexing.lease_batch()
        if not entries:
            break
        batches += 1
        outcome = indexing.write_isolated(backend, entries)
        if not indexing.forget(outcome.written):
            break  # a rebuild started meanwhile: it catches these up
        processed += len(outcome.written)
        if outcome.unavailable is not None:
            logger.warning("Search backend unavailable: %s", outcome.unavailable)
            break
    return processed


@task()
def process_search_outbox() -> int:
    """Writes pending index updates to the search backend."""
    return process_outbox()


def schedule_processing() -> None:
    try:
        process_search_outbox.enqueue()
    except Exception:  # the entries are safe in the outbox; the next run picks them up
        logger.exception("Could not enqueue search outbox processing")


def on_outbox_filled(sender, **kwargs) -> None:
    schedule_processing()


def connect() -> None:
    indexing.outbox_filled.connect(on_outbox_filled, dispatch_uid="search-outbox-drain")
