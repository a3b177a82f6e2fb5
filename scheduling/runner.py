"""Runs the periodic jobs that are due, at most once at a time across all workers.

Any number of workers may call ``run_due_jobs`` at once (each ``manage.py
worker`` ticks, and cron may call ``run_periodic_jobs --once``). A job is
claimed in a short transaction: the row is locked with ``SKIP LOCKED`` (a
runner that finds it locked moves on instead of waiting) and given a lease
(``running_until``), and the job itself runs after that transaction, so a
long job holds no lock. A failing job is logged and recorded on its row;
it never stops the others.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import time
import traceback

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from scheduling import registry
from scheduling.models import PeriodicJob
from scheduling.registry import Job

logger = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 3600
MAX_ERROR_LENGTH = 10_000


def lease() -> datetime.timedelta:
    """How long a claimed job is left alone before another worker may take it over."""
    return datetime.timedelta(
        seconds=getattr(settings, "SCHEDULING_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)
    )


# A new job's first run: long past, so that it is due for every runner. (Due
# "now" raced: a runner whose clock read came a moment earlier saw it not yet
# due while the creator was skipping the row another runner had locked.)
FIRST_RUN = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def ensure_rows(now: datetime.datetime) -> None:
    """A row for every registered job; a job seen for the first time is due at once."""
    known = set(PeriodicJob.objects.values_list("name", flat=True))
    missing = [job.name for job in registry.jobs() if job.name not in known]
    if missing:
        PeriodicJob.objects.bulk_create(
            [PeriodicJob(name=name, next_run_at=FIRST_RUN) for name in missing],
            ignore_conflicts=True,
        )


def claim(job: Job, now: datetime.datetime, *, force: bool = False) -> PeriodicJob | None:
    """The job's row, leased to this runner; None if it is not due or another runner has it."""
    with transaction.atomic():
        row = PeriodicJob.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
        if row is None:
            return None
        if row.running_until is not None and row.running_until > now:
            return None
        if not force and row.next_run_at > now:
            return None
        row.last_started_at = now
        row.running_until = now + lease()
        row.save(update_fields=["last_started_at", "running_until"])
    return row


def isolated():
    """A savepoint when called inside a transaction, so a failed job leaves it usable."""
    if connection.in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def run_job(
    job: Job, *, now: datetime.datetime | None = None, force: bool = False
) -> PeriodicJob | None:
    """Runs ``job`` if it is due (or ``force``) and free: its row after the run, else None."""
    started = now or timezone.now()
    ensure_rows(started)
    row = claim(job, started, force=force)
    if row is None:
        return None
    clock = time.monotonic()
    error = ""
    try:
        with isolated():
            job.func()
    except Exception:
        logger.exception("Periodic job %s failed", job.name)
        error = traceback.format_exc()[-MAX_ERROR_LENGTH:]
    else:
        logger.info("Periodic job %s done", job.name)
    duration = datetime.timedelta(seconds=time.monotonic() - clock)
    row.last_finished_at = started + duration
    row.last_duration = duration
    row.last_error = error
    row.next_run_at = started + job.every
    row.running_until = None
    row.save(
        update_fields=[
            "last_finished_at",
            "last_duration",
            "last_error",
            "next_run_at",
            "running_until",
        ]
    )
    return row


def run_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Runs every registered job that is due; returns the names of those run by this call."""
    return [job.name for job in registry.jobs() if run_job(job, now=now) is not None]
