"""Daily and weekly digests: one mail with what came since the last one.

The job ``notifications.digests`` runs this.

Hourly, for each citizen with a daily or weekly frequency whose period has
passed since ``last_digest_at``: one ``Delivery`` keyed
``digest:<user>:<until>``, where ``until`` is the hour the run belongs to,
so two runs of the same hour queue one mail. It names the window
(``since``, ``until``); the renderer (``notifications.notification_mails``)
reads the unread notifications of that window when it sends, grouped by
project and kind, capped at ``DIGEST_CAP`` with a link to the centre.
``last_digest_at`` moves to ``until`` in the same transaction.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications import delivery
from notifications.fanout import mail_addresses
from notifications.models import (
    Delivery,
    DeliveryKind,
    Frequency,
    Notification,
    NotificationSettings,
)

PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


def due_settings(now):
    """The settings whose period has passed, streamed (a city has many citizens)."""
    due = Q()
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency) & (
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - period)
        )
    return NotificationSettings.objects.filter(due).order_by("pk").iterator(chunk_size=500)


def queue_digest(choice: NotificationSettings, until) -> bool:
    since = choice.last_digest_at
    waiting = Notification.objects.filter(
        user_id=choice.user_id, read_at__isnull=True, created_at__lte=until
    )
    if since is not None:
        waiting = waiting.filter(created_at__gt=since)
    with transaction.atomic():
        NotificationSettings.objects.filter(pk=choice.pk).update(last_digest_at=until)
        if not waiting.exists():
            return False
        address = mail_addresses([choice.user_id]).get(choice.user_id)
        if address is None:
            return False
        delivery.queue(
            [
                Delivery(
                    key=f"digest:{choice.user_id}:{until.isoformat()}",
                    kind=DeliveryKind.DIGEST,
                    reference={
                        "user": choice.user_id,
                        "since": since.isoformat() if since else None,
                        "until": until.isoformat(),
                        "frequency": choice.frequency,
                    },
                    to=address[0],
                    language=address[1],
                )
            ]
        )
    return True


def send_digests(now=None) -> int:
    """Queues the digests that are due; returns how many mails were queued."""
    now = now or timezone.now()
    # The hour the run belongs to: two runs of one hour name the same window.
    until = now.replace(minute=0, second=0, microsecond=0)
    queued = 0
    for choice in due_settings(now):
        queued += queue_digest(choice, until)
    return queued
