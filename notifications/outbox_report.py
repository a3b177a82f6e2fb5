"""What the outbox report shows and the one thing it does: send a mail again.

Who may see it: superusers and the participation team (``outbox_refusal``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from departments.rules import is_participation_team
from notifications.delivery import send_due_deliveries
from notifications.models import Delivery, DeliveryStatus
from participation.refusals import Conflict, Forbidden

REPORT_LENGTH = 200


def may_see_outbox(user) -> bool:
    return bool(user.is_active and (user.is_superuser or is_participation_team(user)))


def outbox_refusal(user):
    if may_see_outbox(user):
        return None
    return Forbidden(_("Only the participation team sees the mail outbox."), code="not_team")


def counts_by_status() -> list[tuple[str, int]]:
    found = dict(Delivery.objects.values_list("status").annotate(count=Count("pk")))
    return [(status.label, found.get(status.value, 0)) for status in DeliveryStatus]


def troubled():
    """Failed rows, and queued ones that failed before and wait for their next attempt."""
    return Delivery.objects.filter(
        Q(status=DeliveryStatus.FAILED, to__gt="") | Q(status=DeliveryStatus.QUEUED, attempts__gt=0)
    ).order_by("-created_at", "-pk")[:REPORT_LENGTH]


def retry_delivery(user, delivery_id: int) -> Delivery:
    """Queues a failed or waiting row for a fresh series of attempts, sent by a worker."""
    refusal = outbox_refusal(user)
    if refusal:
        raise refusal
    with transaction.atomic():
        row = (
            Delivery.objects.select_for_update()
            .filter(pk=delivery_id, status__in=[DeliveryStatus.FAILED, DeliveryStatus.QUEUED])
            .exclude(to="")  # past the retention the address is gone (notifications.retention)
            .first()
        )
        if row is None:
            raise Conflict(_("This mail cannot be retried."), code="not_retryable")
        row.status, row.attempts, row.next_attempt_at = DeliveryStatus.QUEUED, 0, None
        row.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: send_due_deliveries.enqueue())
    return row
