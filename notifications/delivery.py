"""Sends the outbox (``Delivery`` rows): exactly once per key, in batches, retried with back-off.

``queue()`` stores rows in batches; a key already there is skipped by the
unique constraint, so a fan-out task that runs twice queues nothing twice.
``send_due_deliveries`` (a task; the periodic job ``notifications.outbox``
runs it too, for retries and for rows queued while no worker ran) claims
due rows under ``SELECT ... FOR UPDATE SKIP LOCKED`` and moves them to
SENDING in the same transaction: two workers never claim the same row. Each
row is rendered (``notifications.renderers``) and sent on one SMTP
connection per batch. A temporary failure puts the row back to QUEUED with
``next_attempt_at`` doubling up to a ceiling; a permanent refusal (5xx) or
the last attempt marks it FAILED, which the admin's outbox report lists.
A row left in SENDING by a worker that died is claimed again after
``STALE_SENDING``: at most once more, never lost.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from itertools import batched

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from notifications.models import Delivery, DeliveryStatus
from notifications.renderers import Withheld, renderer_for
from scheduling.tasks import django_task

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
STALE_SENDING = timedelta(minutes=30)
DEFAULT_POLICY = {"attempts": 8, "first_retry_seconds": 60, "max_retry_seconds": 6 * 3600}


def policy() -> dict:
    return {**DEFAULT_POLICY, **getattr(settings, "PORTAL_OUTBOX_DELIVERY", {})}


def mailer_name() -> str:
    """The outbox retries on its own, so it sends straight through SMTP, not the mail queue."""
    configured = getattr(settings, "PORTAL_OUTBOX_MAILER", "smtp")
    return configured if configured in settings.MAILERS else "default"


def queue(deliveries: Iterable[Delivery], batch_size: int = BATCH_SIZE) -> int:
    """Stores the rows whose key is new and asks a worker to send them; returns rows offered."""
    offered = 0
    for batch in batched(deliveries, batch_size):
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
        offered += len(batch)
    if offered:
        transaction.on_commit(lambda: send_due_deliveries.enqueue())
    return offered


def due(now):
    waiting = Q(status=DeliveryStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=DeliveryStatus.SENDING, next_attempt_at__lte=now - STALE_SENDING)
    return Delivery.objects.filter(waiting | abandoned)


def claim(limit: int = BATCH_SIZE) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        rows = list(due(now).select_for_update(skip_locked=True).order_by("pk")[:limit])
        if rows:
            Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=now
            )
    for row in rows:
        row.attempts += 1
    return rows


def retry_delay(attempt: int) -> timedelta:
    rules = policy()
    seconds = rules["first_retry_seconds"] * 2 ** (attempt - 1)
    return timedelta(seconds=min(rules["max_retry_seconds"], seconds))


def is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return False


def record_failure(row: Delivery, error: Exception) -> None:
    final = is_permanent(error) or row.attempts >= policy()["attempts"]
    Delivery.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.QUEUED,
        next_attempt_at=None if final else timezone.now() + retry_delay(row.attempts),
        last_error=f"{type(error).__name__}: {error}"[:500],
    )
    logger.warning("Delivery %s attempt %d failed: %r", row.key, row.attempts, error)


def record_sent(row: Delivery, note: str = "") -> None:
    Delivery.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=note
    )


def record_withheld(row: Delivery, reason: str) -> None:
    Delivery.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.FAILED, next_attempt_at=None, last_error=f"withheld: {reason}"[:500]
    )


def render(row: Delivery):
    with translation.override(row.language or settings.LANGUAGE_CODE):
        message = renderer_for(row.kind)(row)
    if message is not None:
        message.to = [row.to]
    return message


def send_batch(limit: int = BATCH_SIZE) -> int:
    """Claims and sends up to ``limit`` due rows; returns how many rows it handled."""
    rows = claim(limit)
    if not rows:
        return 0
    connection = mailers[mailer_name()]
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        # The mail server is away: every claimed row goes back to the queue with back-off.
        for row in rows:
            record_failure(row, error)
        return len(rows)
    with connection:
        for row in rows:
            try:
                message = render(row)
            except Withheld as reason:
                record_withheld(row, str(reason))
                continue
            if message is None:
                record_sent(row, note="nothing to send any more")
                continue
            try:
                # The batch's one open connection (Django 6.1 deprecates message.connection).
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as error:
                record_failure(row, error)
            else:
                record_sent(row)
    return len(rows)


@django_task()
def send_due_deliveries() -> int:
    """Sends every due row, batch after batch, and returns the number handled."""
    handled = 0
    while sent := send_batch():
        handled += sent
    return handled
