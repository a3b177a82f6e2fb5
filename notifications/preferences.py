"""What a citizen wants to hear about, and how the one-click unsubscribe changes it.

Without a ``NotificationSettings`` row a citizen gets every event by e-mail at
once. An unsubscribe (``stop_mail``) never deletes what a citizen follows
from an account: the notification centre keeps working, the e-mail stops
(frequency NEVER). For a visitor's confirmed address, which has nothing but
mail, it removes the follow named in the link, or all of them.
"""

from __future__ import annotations

from django.db import transaction

from notifications.models import EventKind, Follow, Frequency, NotificationSettings, Subscriber


def settings_of(user) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def wanted(settings: NotificationSettings, kind: str) -> bool:
    return kind not in settings.muted_events


@transaction.atomic
def save_settings(user, *, muted_events, frequency: str) -> NotificationSettings:
    valid = {kind.value for kind in EventKind}
    unknown = set(muted_events) - valid
    if unknown:
        raise ValueError(f"Unknown events: {sorted(unknown)}")
    if frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency: {frequency!r}")
    settings, _created = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={"muted_events": sorted(set(muted_events)), "frequency": frequency},
    )
    return settings


@transaction.atomic
def stop_mail(payload: dict) -> bool:
    """Applies a read unsubscribe token; returns whether it still named someone."""
    target = payload.get("t")
    if "u" in payload:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(pk=payload["u"]).first()
        if user is None:
            return False
        if target:
            Follow.objects.filter(user=user, target=target, target_id=payload.get("i", 0)).delete()
        else:
            NotificationSettings.objects.update_or_create(
                user=user, defaults={"frequency": Frequency.NEVER}
            )
        return True
    subscriber = Subscriber.objects.filter(pk=payload.get("s")).first()
    if subscriber is None:
        return False
    follows = subscriber.follows.all()
    if target:
        follows = follows.filter(target=target, target_id=payload.get("i", 0))
    follows.delete()
    if not subscriber.follows.exists():
        subscriber.delete()  # nothing left to send: the address goes too
    return True
