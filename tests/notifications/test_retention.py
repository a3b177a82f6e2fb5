"""The outbox forgets the addresses of finished mails after the retention; figures stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Delivery, DeliveryKind, DeliveryStatus
from notifications.outbox_report import retry_delivery, troubled
from participation.refusals import Conflict
from scheduling.registry import get_job

pytestmark = pytest.mark.django_db


def row(key, status, days_old, to="leser@example.org"):
    delivery = Delivery.objects.create(
        key=key, kind=DeliveryKind.NEWSLETTER, to=to, status=status, last_error=f"550 {to}"
    )
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - timedelta(days=days_old)
    )
    return delivery


def test_old_finished_rows_lose_address_and_error_but_keep_key_and_status(settings):
    settings.PORTAL_RETENTION = {**settings.PORTAL_RETENTION, "outbox_addresses": timedelta(30)}
    old_sent = row("newsletter:1:u1", DeliveryStatus.SENT, 31)
    old_failed = row("newsletter:1:u2", DeliveryStatus.FAILED, 31)
    recent = row("newsletter:2:u1", DeliveryStatus.SENT, 29)
    waiting = row("newsletter:1:u3", DeliveryStatus.QUEUED, 40)

    assert get_job("notifications.forget_sent_addresses").func() == 2

    for delivery in (old_sent, old_failed):
        delivery.refresh_from_db()
        assert (delivery.to, delivery.last_error) == ("", "")
    assert Delivery.objects.filter(key__startswith="newsletter:1:", status="sent").count() == 1
    for delivery in (recent, waiting):
        delivery.refresh_from_db()
        assert delivery.to == "leser@example.org"


def test_a_forgotten_row_is_neither_reported_nor_retried(settings, editor):
    settings.PORTAL_RETENTION = {**settings.PORTAL_RETENTION, "outbox_addresses": timedelta(30)}
    failed = row("notify:1:u1", DeliveryStatus.FAILED, 31)
    get_job("notifications.forget_sent_addresses").func()
    editor.is_superuser = True
    editor.save()
    assert failed not in list(troubled())
    with pytest.raises(Conflict):
        retry_delivery(editor, failed.pk)
