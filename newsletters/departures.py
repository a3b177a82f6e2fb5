"""Counts the followers who leave a newsletter's audience within days of receiving it.

When a follow ends (one-click unsubscribe, the settings, a deleted account)
and it was one of the targets of a newsletter sent in the last
``WINDOW_DAYS`` that this follower received (its outbox key exists), and
the follower follows none of that newsletter's other targets any more, a
``NewsletterDeparture`` row is written: the newsletter and the day, nothing
about who. That is the "unsubscribed after it" figure, without tracking.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_delete
from django.utils import timezone

from newsletters.models import Newsletter, NewsletterDeparture, NewsletterStatus
from notifications.audience import targets_q
from notifications.models import Delivery, Follow

WINDOW_DAYS = 14


def follow_ended(sender, instance: Follow, **kwargs):
    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    newsletter = (
        Newsletter.objects.filter(
            status=NewsletterStatus.SENT,
            sent_at__gte=since,
            audience_targets__contains=[[instance.target, instance.target_id]],
        )
        .order_by("-sent_at")
        .first()
    )
    if newsletter is None:
        return
    if instance.user_id is not None:
        follower, whose = f"u{instance.user_id}", {"user_id": instance.user_id}
    else:
        follower, whose = f"s{instance.subscriber_id}", {"subscriber_id": instance.subscriber_id}
    if not Delivery.objects.filter(key=f"{newsletter.key_prefix}{follower}").exists():
        return
    targets = [tuple(pair) for pair in newsletter.audience_targets]
    still_following = Follow.objects.filter(targets_q(targets), **whose).exists()
    if not still_following:
        NewsletterDeparture.objects.create(newsletter=newsletter)


def connect() -> None:
    post_delete.connect(follow_ended, sender=Follow, dispatch_uid="newsletter-departures")
