"""Digests: one mail per period with the unread notifications, by project and kind, capped."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from notifications import notification_mails
from notifications.delivery import send_due_deliveries
from notifications.digest import send_digests
from notifications.models import (
    Delivery,
    DeliveryKind,
    Event,
    EventKind,
    Frequency,
    Notification,
    NotificationSettings,
)
from tests.comments.helpers import open_project

pytestmark = pytest.mark.django_db

START = timezone.make_aware(timezone.datetime(2026, 12, 1, 8, 30))


def notify(user, page, kind=EventKind.NEWS, title="Neu", read=False):
    event = Event.objects.create(
        kind=kind, key=str(uuid.uuid4()), page=page, title=title, occurred_at=timezone.now()
    )
    return Notification.objects.create(
        event=event, user=user, read_at=timezone.now() if read else None
    )


@pytest.fixture
def daily(follower):
    return NotificationSettings.objects.create(
        user=follower, frequency=Frequency.DAILY, last_digest_at=START - timedelta(days=1)
    )


def test_one_digest_grouped_by_project_then_kind(project, project_index, follower, daily):
    other = open_project(project_index, title="Spielplatz Lobeda", slug="spielplatz")
    with time_machine.travel(START, tick=False):
        notify(follower, project, title="Baustart")
        notify(follower, project, EventKind.PHASE_STARTED, title="Online-Dialog")
        notify(follower, other, title="Eröffnung")
        notify(follower, project, title="Schon gelesen", read=True)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert send_digests() == 1
        assert send_digests() == 0  # the same hour again: nothing new
    assert Delivery.objects.get().kind == DeliveryKind.DIGEST
    send_due_deliveries.call()
    (message,) = mail.outbox
    assert message.subject.endswith("Ihre tägliche Zusammenfassung")
    html = BeautifulSoup(message.alternatives[0].content, "html.parser")
    assert [h2.get_text(strip=True) for h2 in html.find_all("h2")] == [
        "Radverkehr Innenstadt",
        "Spielplatz Lobeda",
    ]
    assert len(html.find_all("h3")) == 3
    assert "Schon gelesen" not in message.body
    assert "Baustart" in message.body and "Eröffnung" in message.body
    daily.refresh_from_db()
    assert daily.last_digest_at == START.replace(hour=9, minute=0)


def test_not_before_the_period_has_passed(project, follower, daily):
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        notify(follower, project)
        assert send_digests() == 0
    with time_machine.travel(START, tick=False):
        assert send_digests() == 1


def test_weekly_waits_a_week(project, follower):
    NotificationSettings.objects.create(
        user=follower, frequency=Frequency.WEEKLY, last_digest_at=START - timedelta(days=3)
    )
    with time_machine.travel(START, tick=False):
        notify(follower, project)
        assert send_digests() == 0
    with time_machine.travel(START + timedelta(days=4, hours=1), tick=False):
        assert send_digests() == 1


def test_the_digest_is_capped_with_a_link_to_the_centre(project, follower, daily, monkeypatch):
    monkeypatch.setattr(notification_mails, "DIGEST_CAP", 3)
    with time_machine.travel(START, tick=False):
        for number in range(5):
            notify(follower, project, title=f"Meldung {number}")
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        send_digests()
    send_due_deliveries.call()
    (message,) = mail.outbox
    assert "… und 2 weitere Benachrichtigungen." in message.body
    assert message.body.count("Meldung") == 3
    assert "/benachrichtigungen/" in message.body
