"""Staying in touch: who follows what, what happened, and the mail that tells them.

Split by concern: ``follows`` (follows, e-mail subscribers and their double
opt-in, per-citizen settings), ``events`` (what happened, and each
recipient's notification of it), ``outbox`` (every mail the portal sends on
its own: one row per recipient and message, whose unique key makes a
delivery happen once however often a task runs).
"""

from notifications.models.events import Event, EventKind, Notification
from notifications.models.follows import (
    Follow,
    FollowTarget,
    Frequency,
    NotificationSettings,
    PendingFollow,
    Subscriber,
)
from notifications.models.outbox import Delivery, DeliveryKind, DeliveryStatus

__all__ = [
    "Delivery",
    "DeliveryKind",
    "DeliveryStatus",
    "Event",
    "EventKind",
    "Follow",
    "FollowTarget",
    "Frequency",
    "Notification",
    "NotificationSettings",
    "PendingFollow",
    "Subscriber",
]
