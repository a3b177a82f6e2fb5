"""From one event to a notification per recipient, and a mail for those who want it at once.

The audience is streamed (``notifications.audience``): one batch of ids at
a time, each batch one transaction that stores the notifications and the
outbox rows. Memory holds one batch however many follow.

Exactly once per recipient and event: ``Notification`` is unique per event
and recipient, ``Delivery`` per key (``notify:<event>:u<user>`` or
``…:s<subscriber>``), and both are inserted with ``ON CONFLICT DO
NOTHING``. A task that runs twice, or two workers at once, add nothing the
first did not. ``fanned_out_at`` only says the work is done; the periodic
job ``notifications.fan_out_pending`` runs events where it is still empty.

Settings (``NotificationSettings``): a muted kind gets no notification;
"immediately" gets a mail, the digests (``notifications.digest``) send the
daily and weekly ones, "never" leaves it to the notification centre.
Confirmed e-mail subscribers have nothing but mail: they get it at once.
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from notifications import audience, delivery, sources
from notifications.models import (
    Delivery,
    DeliveryKind,
    Event,
    Frequency,
    Notification,
    NotificationSettings,
    Subscriber,
)
from notifications.models.events import PERSONAL_EVENTS
from scheduling.tasks import django_task

BATCH_SIZE = 1000
# The task queued on commit goes first; the periodic job picks up what it missed.
PENDING_GRACE = timedelta(minutes=5)


def has_language_field() -> bool:
    return any(field.name == "language" for field in get_user_model()._meta.get_fields())


def mail_addresses(user_ids) -> dict[int, tuple[str, str]]:
    """user id -> (verified primary address, language), for active accounts only.

    Mails are in the account's language where accounts have one, else German.
    """
    rows = EmailAddress.objects.filter(
        user_id__in=user_ids, primary=True, verified=True, user__is_active=True
    )
    if has_language_field():
        found = rows.values_list("user_id", "email", "user__language")
        return {pk: (email, language or settings.LANGUAGE_CODE) for pk, email, language in found}
    return {
        pk: (email, settings.LANGUAGE_CODE) for pk, email in rows.values_list("user_id", "email")
    }


def notify_users(event: Event, user_ids: list[int]) -> int:
    """One batch: notifications for who did not mute the kind, mail for "immediately"."""
    choices = {
        row["user_id"]: row
        for row in NotificationSettings.objects.filter(user_id__in=user_ids).values(
            "user_id", "muted_events", "frequency"
        )
    }
    wanted = [
        pk for pk in user_ids if event.kind not in choices.get(pk, {}).get("muted_events", [])
    ]
    at_once = [
        pk
        for pk in wanted
        if choices.get(pk, {}).get("frequency", Frequency.IMMEDIATELY) == Frequency.IMMEDIATELY
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(
            [Notification(event=event, user_id=pk) for pk in wanted], ignore_conflicts=True
        )
        addresses = mail_addresses(at_once)
        delivery.queue(
            Delivery(
                key=f"notify:{event.pk}:u{pk}",
                kind=DeliveryKind.NOTIFICATION,
                reference={"event": event.pk, "user": pk},
                to=addresses[pk][0],
                language=addresses[pk][1],
            )
            for pk in at_once
            if pk in addresses
        )
    return len(wanted)


def notify_subscribers(event: Event, subscriber_ids: list[int]) -> int:
    addresses = dict(Subscriber.objects.filter(pk__in=subscriber_ids).values_list("pk", "email"))
    with transaction.atomic():
        Notification.objects.bulk_create(
            [Notification(event=event, subscriber_id=pk) for pk in addresses],
            ignore_conflicts=True,
        )
        delivery.queue(
            Delivery(
                key=f"notify:{event.pk}:s{pk}",
                kind=DeliveryKind.NOTIFICATION,
                reference={"event": event.pk, "subscriber": pk},
                to=email,
                language=settings.LANGUAGE_CODE,
            )
            for pk, email in addresses.items()
        )
    return len(addresses)


def fan_out(event_id: int, batch_size: int = BATCH_SIZE) -> int:
    """Notifies the event's audience; returns the recipients reached in this run."""
    event = Event.objects.select_related("page", "recipient").filter(pk=event_id).first()
    if event is None or event.fanned_out_at is not None:
        return 0
    reached = 0
    if event.recipient is not None and sources.may_see(event.recipient, event.page):
        reached += notify_users(event, [event.recipient.pk])
    # Personal events (a reply, a moderation decision) have no followers' audience.
    project = None if event.kind in PERSONAL_EVENTS else sources.public_project_of(event.page)
    if project is not None:
        targets = sources.audience_targets(project)
        for batch in audience.user_ids(targets, batch_size):
            reached += notify_users(event, batch)
        for batch in audience.subscriber_ids(targets, batch_size):
            reached += notify_subscribers(event, batch)
    Event.objects.filter(pk=event.pk).update(fanned_out_at=timezone.now())
    return reached


@django_task()
def fan_out_event(event_id: int) -> int:
    return fan_out(event_id)


def fan_out_pending() -> int:
    """Runs the fan-out of events whose task never ran (a worker died, a queue was lost)."""
    cutoff = timezone.now() - PENDING_GRACE
    pending = Event.objects.filter(fanned_out_at__isnull=True, occurred_at__lte=cutoff)
    done = 0
    for event_id in pending.order_by("occurred_at").values_list("pk", flat=True)[:1000]:
        fan_out(event_id)
        done += 1
    return done
