"""Composing ends here: test mails, scheduling, and sending exactly once per recipient.

Every state change locks the newsletter row (``select_for_update``) and
checks the status first, so two clicks, two workers or the periodic job and
an editor at once move it forward once: draft/scheduled → sending → sent.
Sending streams the audience (``newsletters.audience``) into the outbox, one
``Delivery`` per recipient with the key ``newsletter:<id>:u<user>`` or
``:s<subscriber>``; the unique key makes a second run of the task (a retry,
the periodic job picking up a stalled send) queue nobody twice.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletters import audience, rules
from newsletters.models import Newsletter, NewsletterStatus
from notifications import delivery
from notifications.models import Delivery, DeliveryKind
from participation.refusals import InvalidInput
from scheduling.tasks import django_task

# A send still "sending" after this long is picked up again by the periodic job.
STALLED_AFTER = timedelta(minutes=30)


def locked(newsletter: Newsletter) -> Newsletter:
    return Newsletter.objects.select_for_update().get(pk=newsletter.pk)


def send_test(user, newsletter: Newsletter) -> Delivery:
    """Queues the newsletter, as it will look, to the editor's own address; repeatable."""
    if not user.email:
        raise InvalidInput(_("Your account has no e-mail address."))
    row = Delivery(
        key=f"newsletter-test:{newsletter.pk}:{user.pk}:{uuid.uuid4().hex}",
        kind=DeliveryKind.NEWSLETTER,
        reference={"newsletter": newsletter.pk, "user": user.pk, "test": True},
        to=user.email,
        language=settings.LANGUAGE_CODE,
    )
    with transaction.atomic():
        delivery.queue([row])
    return row


@transaction.atomic
def schedule(user, newsletter: Newsletter, when, now=None) -> Newsletter:
    newsletter = locked(newsletter)
    refusal = rules.schedule_refusal(newsletter, when, now or timezone.now())
    if refusal is not None:
        raise refusal
    newsletter.status = NewsletterStatus.SCHEDULED
    newsletter.scheduled_at = when
    newsletter.save(update_fields=["status", "scheduled_at"])
    return newsletter


@transaction.atomic
def unschedule(user, newsletter: Newsletter) -> Newsletter:
    newsletter = locked(newsletter)
    if newsletter.status == NewsletterStatus.SCHEDULED:
        newsletter.status = NewsletterStatus.DRAFT
        newsletter.scheduled_at = None
        newsletter.save(update_fields=["status", "scheduled_at"])
    return newsletter


@transaction.atomic
def start_sending(user, newsletter: Newsletter, now=None) -> Newsletter:
    """Moves a draft or scheduled newsletter to "sending" once; a worker queues its mails."""
    newsletter = locked(newsletter)
    refusal = rules.sending_refusal(newsletter)
    if refusal is not None:
        raise refusal
    newsletter.status = NewsletterStatus.SENDING
    newsletter.sent_at = now or timezone.now()
    newsletter.audience_targets = [list(pair) for pair in audience.targets_of(newsletter)]
    newsletter.save(update_fields=["status", "sent_at", "audience_targets"])
    pk = newsletter.pk
    transaction.on_commit(lambda: deliver_newsletter.enqueue(pk))
    return newsletter


def deliveries(newsletter: Newsletter, batch_size: int):
    targets = [tuple(pair) for pair in newsletter.audience_targets]
    for batch in audience.recipients(targets, batch_size):
        for recipient in batch:
            reference = {"newsletter": newsletter.pk}
            if recipient.user_id is not None:
                reference["user"] = recipient.user_id
            else:
                reference["subscriber"] = recipient.subscriber_id
            yield Delivery(
                key=f"{newsletter.key_prefix}{recipient.key}",
                kind=DeliveryKind.NEWSLETTER,
                reference=reference,
                to=recipient.email,
                language=settings.LANGUAGE_CODE,
            )


def queue_recipients(newsletter_id: int, batch_size: int = delivery.BATCH_SIZE) -> int:
    """Queues one delivery per recipient (again harmlessly) and marks the newsletter sent."""
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status != NewsletterStatus.SENDING:
        return 0
    # Each batch commits on its own: a crash halfway keeps what was queued, a rerun adds the rest.
    offered = delivery.queue(deliveries(newsletter, batch_size), batch_size)
    with transaction.atomic():
        newsletter = locked(newsletter)
        if newsletter.status == NewsletterStatus.SENDING:
            newsletter.status = NewsletterStatus.SENT
            newsletter.recipients = Delivery.objects.filter(
                key__startswith=newsletter.key_prefix
            ).count()
            newsletter.save(update_fields=["status", "recipients"])
    return offered


@django_task()
def deliver_newsletter(newsletter_id: int) -> int:
    return queue_recipients(newsletter_id)


def send_scheduled(now=None) -> int:
    """Starts the scheduled newsletters that are due and resumes stalled sends."""
    now = now or timezone.now()
    started = 0
    due = Newsletter.objects.filter(status=NewsletterStatus.SCHEDULED, scheduled_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            newsletter = Newsletter.objects.select_for_update(skip_locked=True).filter(pk=pk)
            newsletter = newsletter.first()
            if newsletter is None or newsletter.status != NewsletterStatus.SCHEDULED:
                continue
            start_sending(None, newsletter, now=now)
            started += 1
    stalled = Newsletter.objects.filter(
        status=NewsletterStatus.SENDING, sent_at__lte=now - STALLED_AFTER
    )
    for pk in stalled.values_list("pk", flat=True):
        deliver_newsletter.enqueue(pk)
    return started
