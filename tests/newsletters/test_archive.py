"""The public archive: only sent newsletters, only public projects, in the sitemap and a feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsletters.models import NewsletterStatus
from tests.factories import ProjectPageFactory, add_phases
from tests.newsletters.conftest import make_newsletter

pytestmark = pytest.mark.django_db


def sent_newsletter(**fields):
    return make_newsletter(status=NewsletterStatus.SENT, sent_at=timezone.now(), **fields)


def test_drafts_scheduled_and_sending_newsletters_do_not_exist(client, home_page):
    for status in ("draft", "scheduled", "sending"):
        newsletter = make_newsletter(status=status, subject=f"Brief {status}")
        response = client.get(reverse("newsletter:detail", args=(newsletter.pk, newsletter.slug)))
        assert response.status_code == 404
        assert f"Brief {status}" not in client.get(reverse("newsletter:archive")).text


def test_the_archive_lists_sent_newsletters_newest_first_in_pages(client, home_page):
    now = timezone.now()
    for number in range(12):
        make_newsletter(
            subject=f"Ausgabe {number:02}",
            status=NewsletterStatus.SENT,
            sent_at=now - datetime.timedelta(days=number),
        )
    first = client.get(reverse("newsletter:archive"))
    second = client.get(reverse("newsletter:archive") + "?page=2")
    assert first.status_code == 200
    assert first.text.index("Ausgabe 00") < first.text.index("Ausgabe 09")
    assert "Ausgabe 10" not in first.text and "Ausgabe 11" in second.text
    assert "Newsletter abonnieren" in first.text


def test_a_sent_newsletter_is_a_page_and_drops_restricted_projects(client, project_index):
    shown = ProjectPageFactory(parent=project_index, title="Radweg Nord")
    hidden = ProjectPageFactory(parent=project_index, title="Interne Planung")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    add_phases(shown, (timezone.localdate() + datetime.timedelta(days=3),) * 2)
    add_phases(hidden, (timezone.localdate() + datetime.timedelta(days=4),) * 2)
    newsletter = sent_newsletter(
        body=[
            {"type": "text", "value": "<h2>Radwege</h2><p>Neu.</p>"},
            {"type": "project", "value": {"project": shown.pk}},
            {"type": "project", "value": {"project": hidden.pk}},
            {"type": "dates", "value": {"heading": "Termine", "weeks": 2, "entries": []}},
        ]
    )
    response = client.get(reverse("newsletter:detail", args=(newsletter.pk, newsletter.slug)))
    assert response.status_code == 200
    assert "<h1>Neues aus der Beteiligung</h1>" in response.text
    assert "<h2>Radwege</h2>" in response.text
    assert response.text.count("Radweg Nord") >= 2  # teaser and date
    assert "Interne Planung" not in response.text
    wrong_slug = client.get(reverse("newsletter:detail", args=(newsletter.pk, "alt")))
    assert wrong_slug.status_code == 301


def test_sent_newsletters_are_in_the_sitemap_and_the_feed(client, home_page):
    newsletter = sent_newsletter(subject="Ausgabe Dezember")
    make_newsletter(subject="Entwurf")
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    root = ET.fromstring(sitemap.content)  # noqa: S314 - our own output
    locations = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(url.endswith(newsletter.get_absolute_url()) for url in locations)
    assert not any("entwurf" in url for url in locations)
    assert any(url.endswith("/") and "newsletter" not in url for url in locations)
    feed = ET.fromstring(client.get(reverse("newsletter:feed")).content)  # noqa: S314
    assert [item.findtext("title") for item in feed.iter("item")] == ["Ausgabe Dezember"]
