"""The notification app's periodic jobs (``scheduling.registry``)."""

from datetime import timedelta

from notifications.delivery import send_due_deliveries
from notifications.digest import send_digests
from notifications.fanout import fan_out_pending
from notifications.optin import delete_expired_pending_follows
from notifications.retention import forget_sent_addresses
from notifications.schedule import record_scheduled_events
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
register(
    "notifications.record_scheduled_events",
    timedelta(hours=1),
    record_scheduled_events,
    description="Records phases that started or end soon, polls that opened, results published.",
)
register(
    "notifications.fan_out_pending",
    timedelta(minutes=10),
    fan_out_pending,
    description="Fans out events whose fan-out task never ran.",
)
register(
    "notifications.digests",
    timedelta(hours=1),
    send_digests,
    description="Queues the daily and weekly digest mails that are due.",
)
register(
    "notifications.forget_sent_addresses",
    timedelta(days=1),
    forget_sent_addresses,
    description="Blanks the recipient address of mails sent or given up on after "
    "PORTAL_RETENTION['outbox_addresses'].",
)
