"""The notification app's periodic jobs (``scheduling.registry``)."""

from datetime import timedelta

from notifications.delivery import send_due_deliveries
from notifications.optin import delete_expired_pending_follows
from scheduling.registry import register

register(
    "notifications.outbox",
    timedelta(minutes=5),
    send_due_deliveries.call,
    description="Sends queued notification mails and retries failed ones with back-off.",
)

register(
    "notifications.delete_expired_pending_follows",
    timedelta(hours=1),
    delete_expired_pending_follows,
    description="Deletes follows by e-mail that were not confirmed within 7 days.",
)
