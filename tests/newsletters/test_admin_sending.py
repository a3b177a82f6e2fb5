"""Preview, test mail, schedule and send in the admin: each once, each with its answer."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletters import services
from newsletters.models import NewsletterStatus
from notifications.models import Delivery
from tests.newsletters.conftest import NEWSLETTER_LIST, account, make_newsletter, subscriber

pytestmark = pytest.mark.django_db


def test_preview_shows_the_mail_as_html_and_text(home_page, tree, logged_in):
    newsletter = make_newsletter()
    response = logged_in("team").get(reverse("newsletters:preview", args=(newsletter.pk,)))
    assert response.status_code == 200
    assert "Neues aus der Beteiligung" in response.context["mail_subject"]
    assert "<h2>Radwege</h2>" in response.context["mail_html"]
    assert "Radwege\n\nWir planen neue Radwege." in response.context["mail_text"]
    # The mail is shown in a sandboxed frame, its markup escaped into the attribute.
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in response.text
    assert not Delivery.objects.exists()


def test_a_test_mail_goes_to_the_editor_only_and_can_be_repeated(
    home_page, tree, logged_in, people, django_capture_on_commit_callbacks
):
    subscriber("b@example.org", NEWSLETTER_LIST)
    people["team"].email = "team@example.org"
    people["team"].save()
    newsletter = make_newsletter()
    client = logged_in("team")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletters:test", args=(newsletter.pk,)))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletters:test", args=(newsletter.pk,)))
    assert [message.to for message in mail.outbox] == [["team@example.org"]] * 2
    assert mail.outbox[0].subject.endswith("[Test] Neues aus der Beteiligung")
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT
    assert newsletter.recipients == 0


def test_scheduling_in_the_past_shows_a_german_error_next_to_the_field(tree, logged_in):
    newsletter = make_newsletter()
    response = logged_in("team").post(
        reverse("newsletters:schedule", args=(newsletter.pk,)),
        {"scheduled_at": "2020-01-01 10:00"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["scheduled_at"] == [
        "Wählen Sie einen Zeitpunkt in der Zukunft."
    ]
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT


def test_a_scheduled_newsletter_goes_out_when_its_time_has_come(
    home_page, tree, logged_in, django_capture_on_commit_callbacks
):
    account("a@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()
    when = timezone.now() + datetime.timedelta(days=1)
    response = logged_in("team").post(
        reverse("newsletters:schedule", args=(newsletter.pk,)),
        {"scheduled_at": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")},
    )
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SCHEDULED
    assert services.send_scheduled() == 0
    with (
        time_machine.travel(when + datetime.timedelta(minutes=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.send_scheduled() == 1
        assert services.send_scheduled() == 0
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert len(mail.outbox) == 1


def test_send_asks_first_with_the_number_of_recipients_then_sends_once(
    home_page, tree, logged_in, django_capture_on_commit_callbacks
):
    account("a@example.org", NEWSLETTER_LIST)
    account("muted@example.org", NEWSLETTER_LIST)
    subscriber("b@example.org", NEWSLETTER_LIST)
    newsletter = make_newsletter()
    client = logged_in("team")
    url = reverse("newsletters:send", args=(newsletter.pk,))
    confirm = client.get(url)
    assert confirm.context["recipient_count"] == 3
    assert 'data-recipients="3"' in confirm.text
    assert not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url)
    assert again.status_code == 302
    assert len(mail.outbox) == 3
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
