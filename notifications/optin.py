"""Following by e-mail without an account: double opt-in.

``request_email_follow`` stores only a ``PendingFollow`` (address, target,
hash of the token) and queues the confirmation mail in the outbox, so an
outage of the mail server delays it but loses nothing. The token itself is
never stored: it is an HMAC of the pending row under the secret key, so the
renderer can make the link again on a retry, and a copy of the database
alone confirms nothing. The visitor always gets the same answer, whether or
not the address is known or already follows (no enumeration); the owner of
the address is the only one who learns more, from the mail.

Confirming (a POST: mail scanners that open links confirm nothing) creates
the ``Subscriber`` if new and the ``Follow``. Unconfirmed entries expire
after ``PENDING_DAYS`` and are deleted by the periodic job
``notifications.delete_expired_pending_follows``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import delivery, rules
from notifications.mails import absolute, build_mail
from notifications.models import (
    Delivery,
    DeliveryKind,
    Follow,
    PendingFollow,
    Subscriber,
)
from notifications.models.follows import PENDING_DAYS
from notifications.renderers import register
from notifications.targets import Target, resolve
from participation import ratelimit
from participation.page_access import PageAccess
from participation.participants import keyed_hash

TOKEN_PURPOSE = "notifications.confirm-follow"  # noqa: S105 - an HMAC purpose, not a secret


def normalised(email: str) -> str:
    return email.strip().lower()


def token_for(pending: PendingFollow) -> str:
    created = pending.created_at.astimezone(UTC).isoformat()
    return keyed_hash(TOKEN_PURPOSE, f"{pending.pk}:{created}:{pending.email}")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def expiry_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=PENDING_DAYS)


def request_email_follow(participant, *, email: str, kind: str, target_id: int) -> None:
    """Stores a pending follow and queues its confirmation mail; raises a Refusal.

    Rate-limited per network (daily-salted hash) and per address (keyed
    hash), so the form can flood neither the outbox nor one inbox.
    """
    refusal = rules.email_follow_refusal(participant.page_access, kind, target_id)
    if refusal:
        raise refusal
    email = normalised(email)
    ratelimit.hit("email_follow_per_ip", participant.ip_hash)
    ratelimit.hit("email_follow_per_address", keyed_hash("email-follow", email))
    with transaction.atomic():
        pending = PendingFollow.objects.create(
            email=email, target=kind, target_id=target_id, token_hash=secrets.token_hex(32)
        )
        pending.token_hash = hash_token(token_for(pending))
        pending.save(update_fields=["token_hash"])
        delivery.queue(
            [
                Delivery(
                    key=f"confirm:{pending.pk}",
                    kind=DeliveryKind.CONFIRMATION,
                    reference={"pending": pending.pk},
                    to=email,
                    language=translation.get_language() or "de",
                )
            ]
        )


@dataclass(frozen=True)
class Lookup:
    pending: PendingFollow | None
    expired: bool = False


def look_up(token: str, now=None) -> Lookup:
    """The pending follow of ``token``: unknown (None), expired, or waiting."""
    if not token or len(token) > 200:
        return Lookup(None)
    pending = PendingFollow.objects.filter(token_hash=hash_token(token)).first()
    if pending is None:
        return Lookup(None)
    return Lookup(pending, expired=pending.created_at < expiry_cutoff(now))


def confirm(access: PageAccess, token: str, now=None) -> Target | None:
    """Confirms the follow of ``token``; returns its target, or None if nothing (any more).

    A project that became hidden since the request confirms nothing.
    """
    with transaction.atomic():
        pending = (
            PendingFollow.objects.select_for_update()
            .filter(token_hash=hash_token(token), created_at__gte=expiry_cutoff(now))
            .first()
        )
        if pending is None:
            return None
        same = PendingFollow.objects.filter(
            email=pending.email, target=pending.target, target_id=pending.target_id
        )
        target = resolve(access, pending.target, pending.target_id)
        if target is None:
            same.delete()
            return None
        subscriber, _created = Subscriber.objects.get_or_create(
            email=pending.email, defaults={"confirmed_at": timezone.now()}
        )
        Follow.objects.get_or_create(
            subscriber=subscriber, target=pending.target, target_id=pending.target_id
        )
        same.delete()
    return target


def delete_expired_pending_follows(now=None) -> int:
    """Deletes unconfirmed follows older than ``PENDING_DAYS``; returns how many."""
    deleted, _by_model = PendingFollow.objects.filter(created_at__lt=expiry_cutoff(now)).delete()
    return deleted


@register(DeliveryKind.CONFIRMATION)
def render_confirmation(row: Delivery):
    """The confirmation mail; nothing once the entry is confirmed, expired or its target hidden."""
    pending = PendingFollow.objects.filter(pk=row.reference.get("pending")).first()
    if pending is None or pending.created_at < expiry_cutoff():
        return None
    # Mails are read outside any session: only what everyone may see.
    target = resolve(PageAccess(), pending.target, pending.target_id)
    if target is None:
        return None
    context = {
        "target": target,
        "confirm_url": absolute(reverse("notifications:confirm", args=[token_for(pending)])),
        "target_url": absolute(target.url),
        "pending_days": PENDING_DAYS,
    }
    return build_mail(
        "notifications/mail/confirm_follow",
        context,
        subject=_("Please confirm: %(target)s") % {"target": target.label},
    )
