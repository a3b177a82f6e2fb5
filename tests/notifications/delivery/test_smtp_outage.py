"""The mail server is away: nothing is lost. A real SMTP server (aiosmtpd) on its own port;
"away" is that port with nothing listening. Rows go back to the queue with back-off and are
sent, once each, when the server is back."""

import uuid

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone

from notifications.delivery import send_due_deliveries
from notifications.fanout import fan_out
from notifications.models import Delivery, DeliveryStatus, Event, EventKind, FollowTarget
from tests.factories import UserFactory
from tests.notifications.delivery.conftest import follow

pytestmark = pytest.mark.django_db

SMTP_PORT = 17231


class Sink:
    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
        "smtp": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": SMTP_PORT, "use_tls": False, "timeout": 5},
        },
    }
    settings.PORTAL_OUTBOX_MAILER = "smtp"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_an_outage_loses_nothing_and_sends_each_mail_once(project, smtp):
    followers = [UserFactory() for _ in range(3)]
    for user in followers:
        follow(user, FollowTarget.PROJECT, project.pk)
    event = Event.objects.create(
        kind=EventKind.NEWS,
        key=f"news:{uuid.uuid4()}",
        page=project,
        title="Baustart",
        occurred_at=timezone.now(),
    )
    fan_out(event.pk)

    send_due_deliveries.call()  # nothing listens on the port
    rows = list(Delivery.objects.all())
    assert {row.status for row in rows} == {DeliveryStatus.QUEUED}
    assert all(row.attempts == 1 and row.next_attempt_at > timezone.now() for row in rows)
    assert all("Connection refused" in row.last_error or "Errno" in row.last_error for row in rows)

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        assert send_due_deliveries.call() == 0  # not due yet: back-off
        with time_machine.travel(timezone.now() + timezone.timedelta(minutes=5)):
            assert send_due_deliveries.call() == 3
            assert send_due_deliveries.call() == 0
    finally:
        controller.stop()
    assert sorted(sink.recipients) == sorted(user.email for user in followers)
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
