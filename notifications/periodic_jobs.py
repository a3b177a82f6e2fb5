"""The notification app's periodic jobs (``scheduling.registry``)."""

from datetime import timedelta

from notifications.delivery import send_due_deliveries
from scheduling.registry import register

register(
    "notifications.outbox",
    timedelta(minutes=5),
    send_due_deliveries.call,
    description="Sends queued notification mails and retries failed ones with back-off.",
)
