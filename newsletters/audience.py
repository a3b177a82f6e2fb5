"""Whom a newsletter reaches: its follow targets, and the recipients streamed in batches.

A department's audience is the followers of the unit and of every unit
below it (a Dezernat's newsletter reaches those who follow one of its
teams). Accounts come unless they turned off all notification mail
(frequency "never"): following the newsletter list, a unit, topic or
district is an explicit opt-in, so the per-event settings do not apply.
Each account or address comes once however many of the targets it follows
(``notifications.audience`` reads distinct ids in id order).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from departments.models import Department
from newsletters.models import Audience
from notifications import audience as followers
from notifications.models import Follow, FollowTarget, Frequency, Subscriber

NEWSLETTER_LIST = (FollowTarget.NEWSLETTER.value, 0)


@dataclass(frozen=True)
class Recipient:
    key: str  # "u12" or "s7": the tail of the outbox key
    email: str
    user_id: int | None = None
    subscriber_id: int | None = None


def targets_of(newsletter) -> list[tuple[str, int]]:
    if newsletter.audience == Audience.DEPARTMENT:
        ids = Department.objects.family_ids_of([newsletter.audience_department_id])
        return [(FollowTarget.DEPARTMENT.value, pk) for pk in ids]
    if newsletter.audience == Audience.TOPIC:
        return [(FollowTarget.TOPIC.value, newsletter.audience_topic_id)]
    if newsletter.audience == Audience.DISTRICT:
        return [(FollowTarget.DISTRICT.value, newsletter.audience_district_id)]
    return [NEWSLETTER_LIST]


def mailable_accounts(user_ids):
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(notification_settings__frequency=Frequency.NEVER)
        .order_by("pk")
        .values_list("pk", "email")
    )


def recipients(targets, batch_size: int = followers.BATCH_SIZE) -> Iterator[list[Recipient]]:
    """Batches of recipients: accounts first, then confirmed addresses, each once."""
    for batch in followers.user_ids(targets, batch_size):
        yield [Recipient(f"u{pk}", email, user_id=pk) for pk, email in mailable_accounts(batch)]
    for batch in followers.subscriber_ids(targets, batch_size):
        found = Subscriber.objects.filter(pk__in=batch).order_by("pk").values_list("pk", "email")
        yield [Recipient(f"s{pk}", email, subscriber_id=pk) for pk, email in found]


def count(targets) -> int:
    """How many would receive it now (for the confirmation before sending)."""
    condition = followers.targets_q(targets)
    if condition is None:
        return 0
    follows = Follow.objects.filter(condition)
    accounts = mailable_accounts(
        follows.filter(user__isnull=False).values("user_id").distinct()
    ).count()
    addresses = follows.filter(subscriber__isnull=False).values("subscriber_id").distinct().count()
    return accounts + addresses


def followed_target(targets, *, user_id=None, subscriber_id=None) -> tuple[str, int]:
    """The audience target this follower follows (for the one-click unsubscribe)."""
    condition = followers.targets_q(targets)
    whose = Q(user_id=user_id) if user_id is not None else Q(subscriber_id=subscriber_id)
    found = (
        Follow.objects.filter(condition, whose).order_by("pk").values_list("target", "target_id")
        if condition is not None
        else []
    )
    first = next(iter(found), None)
    return tuple(first) if first else tuple(targets[0])
