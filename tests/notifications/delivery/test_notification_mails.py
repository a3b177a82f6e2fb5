"""The notification mail: German in "Sie", or the recipient's language; headings, text part,
imprint, why it came, one-click unsubscribe; nothing about a project that became restricted."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from notifications.delivery import send_due_deliveries
from notifications.fanout import fan_out
from notifications.models import Delivery, DeliveryStatus, Event, EventKind
from pages.models import PortalSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imprint(home_page):
    page = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    portal = PortalSettings.for_site(home_page.get_site())
    portal.imprint_page = page
    portal.operator_name = "Stadt Jena"
    portal.save()
    return page


def news(project):
    return Event.objects.create(
        kind=EventKind.NEWS,
        key=f"news:{uuid.uuid4()}",
        page=project,
        title="Baustart im Mai",
        summary="Ab Mai wird gebaut.",
        url=f"{project.url}#news-1",
        occurred_at=timezone.now(),
    )


def sent_to(address):
    return next(message for message in mail.outbox if message.to == [address])


def test_the_mail_to_a_follower(project, follower, imprint):
    fan_out(news(project).pk)
    send_due_deliveries.call()
    message = sent_to(follower.email)
    assert message.subject.endswith("Neuigkeiten: Baustart im Mai")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    html = BeautifulSoup(message.alternatives[0].content, "html.parser")
    assert html.html["lang"] == "de"
    assert html.h1.get_text(strip=True) == "Neuigkeiten: Baustart im Mai"
    assert html.h2.get_text(strip=True) == "Baustart im Mai"
    assert all(image.get("alt") for image in html.find_all("img"))
    reason = "weil Sie dem Projekt „Radverkehr Innenstadt“ folgen."
    for part in (message.body, html.get_text()):
        assert "Das Projekt „Radverkehr Innenstadt“ hat Neuigkeiten veröffentlicht" in part
        assert reason in part
        assert "Impressum" in part and "Stadt Jena" in part
    assert "/impressum/" in message.body
    assert "#news-1" in message.body


def test_the_mail_in_the_rows_language(project, follower):
    fan_out(news(project).pk)
    Delivery.objects.update(language="en")
    send_due_deliveries.call()
    message = sent_to(follower.email)
    assert message.subject.endswith("News: Baustart im Mai")
    assert '<html lang="en">' in message.alternatives[0].content
    assert "because you follow the project" in message.body


def test_a_visitor_unsubscribes_from_the_project_it_follows(client, project, subscriber):
    fan_out(news(project).pk)
    send_due_deliveries.call()
    link = sent_to(subscriber.email).extra_headers["List-Unsubscribe"].strip("<>")
    client.post(link.split("localhost", 1)[-1].split("testserver", 1)[-1])
    assert not subscriber.follows.exists()


def test_a_project_restricted_after_the_fan_out_is_not_mailed(project, follower):
    fan_out(news(project).pk)
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    send_due_deliveries.call()
    assert mail.outbox == []
    row = Delivery.objects.get()
    assert row.status == DeliveryStatus.FAILED
    assert row.last_error.startswith("withheld:")
