"""Full rebuilds (``reindex``), their state kept in the database.

A rebuild is an ``IndexRebuild`` row with an owner (host:pid), a phase and
a heartbeat. While it is active and its heartbeat is fresh, outbox
processing pauses and the entries wait; before the swap the rebuild writes
them into the new index (``indexing.catch_up``) and deletes them in the
swap's own transaction. Nothing depends on the cache: flushing Redis
mid-rebuild changes nothing.

A rebuild whose heartbeat is older than PORTAL_SEARCH_REBUILD_STALE_SECONDS,
or whose process on this host is gone (``kill -9``), is abandoned by the
next one to look (outbox processing or a new ``reindex``): updates flow
again and its staging table or index is dropped. A new ``reindex`` may
also take over a live one (``--take-over``); the old one then fails at its
next heartbeat or at the latest when it tries to swap.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from search import indexing
from search.backends import _backend
from search.backends.base import RebuildSession
from search.models import IndexRebuild, OutboxEntry

logger = logging.getLogger(__name__)

BEAT_EVERY = 5  # seconds
DEFAULT_STALE_SECONDS = 120


class RebuildRunning(Exception):
    """Another rebuild is active and alive."""

    def __init__(self, rebuild: IndexRebuild):
        self.rebuild = rebuild
        super().__init__(
            f"A rebuild by {rebuild.owner} is {rebuild.get_phase_display()} since "
            f"{rebuild.started_at:%Y-%m-%d %H:%M:%S %Z} (heartbeat "
            f"{heartbeat_age(rebuild):.0f} s ago)."
        )


class Superseded(Exception):
    """This rebuild was taken over or abandoned: it must not swap."""


def stale_after() -> timedelta:
    return timedelta(
        seconds=getattr(settings, "PORTAL_SEARCH_REBUILD_STALE_SECONDS", DEFAULT_STALE_SECONDS)
    )


def heartbeat_age(rebuild: IndexRebuild) -> float:
    return (timezone.now() - rebuild.heartbeat_at).total_seconds()


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_gone(owner: str) -> bool:
    """True when the owner ran on this host and its process no longer exists."""
    host, _colon, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's live process
        return False
    return False


def stale_reason(rebuild: IndexRebuild) -> str:
    """Why ``rebuild`` counts as dead, or "" while it is alive."""
    if owner_is_gone(rebuild.owner):
        return f"its process {rebuild.owner} is gone"
    if timezone.now() - rebuild.heartbeat_at > stale_after():
        return f"no heartbeat for {heartbeat_age(rebuild):.0f} s"
    return ""


def active_rebuild() -> IndexRebuild | None:
    return IndexRebuild.objects.filter(active=True).first()


def pausing_rebuild() -> IndexRebuild | None:
    """The live rebuild that outbox processing waits for; abandons a dead one."""
    rebuild = active_rebuild()
    if rebuild is None:
        return None
    reason = stale_reason(rebuild)
    if not reason:
        return rebuild
    abandon(rebuild, f"Abandoned: {reason}.")
    return None


def abandon(rebuild: IndexRebuild, reason: str) -> None:
    """Ends ``rebuild`` (if still active) and drops what it was building."""
    with transaction.atomic():
        ended = IndexRebuild.objects.filter(pk=rebuild.pk, active=True).update(
            active=False,
            phase=IndexRebuild.Phase.ABANDONED,
            finished_at=timezone.now(),
            error=reason,
        )
    if not ended:
        return
    logger.warning("Search rebuild %s: %s", rebuild.owner, reason)
    discard(rebuild)


def discard(rebuild: IndexRebuild) -> None:
    try:
        _backend(rebuild.backend).discard_rebuild(rebuild.target)
    except Exception:  # the next rebuild drops it at its start anyway
        logger.exception("Could not drop the staging index of rebuild %s", rebuild.owner)


def start(backend: str, *, take_over: bool = False) -> DatabaseRebuildSession:
    """Registers a new rebuild; takes over a dead one (or, with ``take_over``, any)."""
    previous = None
    with transaction.atomic():
        current = IndexRebuild.objects.select_for_update().filter(active=True).first()
        if current is not None:
            reason = stale_reason(current)
            if not reason and not take_over:
                raise RebuildRunning(current)
            current.active = False
            current.phase = IndexRebuild.Phase.ABANDONED
            current.finished_at = timezone.now()
            current.error = f"Taken over: {reason or 'by request'}."
            current.save(update_fields=["active", "phase", "finished_at", "error"])
            previous = current
        rebuild = IndexRebuild.objects.create(backend=backend, owner=new_owner())
    if previous is not None:
        logger.warning("Search rebuild %s taken over: %s", previous.owner, previous.error)
        discard(previous)
    return DatabaseRebuildSession(rebuild)


class DatabaseRebuildSession(RebuildSession):
    def __init__(self, rebuild: IndexRebuild, on_progress=None):
        self.rebuild = rebuild
        self.on_progress = on_progress
        self.documents = 0
        self.caught_up: list[OutboxEntry] = []
        self.last_beat = timezone.now()
        self.heart: Heart | None = None

    def mine(self):
        return IndexRebuild.objects.filter(pk=self.rebuild.pk, active=True)

    def beat(self, **fields) -> None:
        now = timezone.now()
        if not self.mine().update(heartbeat_at=now, documents=self.documents, **fields):
            raise Superseded(f"Rebuild {self.rebuild.owner} was taken over or abandoned.")
        self.last_beat = now

    def staging(self, target: str) -> None:
        self.rebuild.target = target
        self.beat(target=target)

    def progress(self, count: int) -> None:
        self.documents += count
        if self.on_progress:
            self.on_progress(count)
        if (timezone.now() - self.last_beat).total_seconds() >= BEAT_EVERY:
            self.beat()

    def catch_up(self, writer) -> None:
        self.beat(phase=IndexRebuild.Phase.CATCHING_UP)
        self.caught_up = indexing.catch_up(writer)

    @contextmanager
    def swapping(self):
        """Holds the rebuild's row while swapping: a take-over waits, or wins before."""
        with transaction.atomic():
            row = self.mine().select_for_update().first()
            if row is None:
                raise Superseded(f"Rebuild {self.rebuild.owner} was taken over or abandoned.")
            row.phase = IndexRebuild.Phase.SWAPPING
            row.heartbeat_at = timezone.now()
            row.save(update_fields=["phase", "heartbeat_at"])
            yield
            for start in range(0, len(self.caught_up), indexing.BATCH_SIZE):
                chunk = self.caught_up[start : start + indexing.BATCH_SIZE]
                OutboxEntry.objects.filter(indexing.written_now(chunk)).delete()
            # Parked before the rebuild read their objects: the new index has them.
            OutboxEntry.objects.filter(
                parked_at__isnull=False, enqueued_at__lte=self.rebuild.started_at
            ).delete()

    def finish(self, error: BaseException | None = None) -> None:
        self.stop_heart()
        ended = self.mine().update(
            active=False,
            phase=IndexRebuild.Phase.FAILED if error else IndexRebuild.Phase.DONE,
            finished_at=timezone.now(),
            documents=self.documents,
            error=f"{type(error).__name__}: {error}"[:2000] if error else "",
        )
        if error is not None and ended:
            discard(self.rebuild)

    def start_heart(self) -> None:
        """Beats from a thread too, so long index builds do not look dead.

        Not inside a transaction (tests): another connection would not see the row.
        """
        if not connection.in_atomic_block:
            self.heart = Heart(self.rebuild.pk)
            self.heart.start()

    def stop_heart(self) -> None:
        if self.heart is not None:
            self.heart.stopping.set()
            self.heart.join()
            self.heart = None


class Heart(threading.Thread):
    def __init__(self, pk: int):
        super().__init__(name="search-rebuild-heartbeat", daemon=True)
        self.pk = pk
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(BEAT_EVERY):
                IndexRebuild.objects.filter(pk=self.pk, active=True).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # the main thread's beats and swap check still hold
            logger.exception("Search rebuild heartbeat failed")
        finally:
            connection.close()
