"""Following by e-mail: double opt-in, only a pending entry until the POST confirms, 7 days."""

import re
import socket
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import delivery, optin
from notifications.models import Delivery, DeliveryKind, Follow, PendingFollow, Subscriber
from participation.page_access import PageAccess
from scheduling.registry import get_job

pytestmark = pytest.mark.django_db

URL = reverse("notifications:email_follow")
ADDRESS = "Besuch@Example.org"


def ask(client, target_id, kind="project", email=ADDRESS, **extra):
    return client.post(URL, {"email": email, "target": kind, "target_id": target_id, **extra})


def confirmation_link() -> str:
    delivery.send_batch()
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/benachrichtigungen/bestaetigen/\S+/", body)[0]


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_asking_stores_only_a_pending_entry_and_queues_the_mail(client, project):
    response = ask(client, project.pk)
    assert response.status_code == 302 and response["Location"] == project.url
    pending = PendingFollow.objects.get()
    assert pending.email == "besuch@example.org"
    assert len(pending.token_hash) == 64
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    row = Delivery.objects.get()
    assert row.kind == DeliveryKind.CONFIRMATION and row.to == "besuch@example.org"
    # The token is in no row: only its hash.
    token = path_of(confirmation_link()).split("/")[-2]
    assert token not in str(row.reference) and token != pending.token_hash


def test_the_mail_is_german_names_the_target_and_the_portal(client, project):
    ask(client, project.pk)
    confirmation_link()
    message = mail.outbox[-1]
    assert "Radweg Saalbahnhof" in message.subject
    assert "Guten Tag" in message.body and "7 Tage" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="de"' in html and "<h1" in html


def test_get_does_not_confirm_post_does(client, project):
    ask(client, project.pk)
    link = path_of(confirmation_link())
    page = client.get(link)
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").select_one("form[method=post] button")
    assert not Follow.objects.exists()
    response = client.post(link)
    assert response.status_code == 200
    assert "Sie folgen jetzt Radweg Saalbahnhof per E-Mail" in response.content.decode()
    subscriber = Subscriber.objects.get(email="besuch@example.org")
    assert Follow.objects.filter(subscriber=subscriber, target="project", target_id=project.pk)
    assert not PendingFollow.objects.exists()
    # Used once: the link is unknown now.
    assert client.post(link).status_code == 404


def test_a_known_address_gets_the_same_answer_and_confirming_again_is_one_follow(client, project):
    first = ask(client, project.pk)
    client.post(path_of(confirmation_link()))
    second = ask(client, project.pk)
    assert (second.status_code, second["Location"]) == (first.status_code, first["Location"])
    client.post(path_of(confirmation_link()))
    assert Follow.objects.count() == 1 and Subscriber.objects.count() == 1


def test_the_newsletter_list_is_followed_with_id_zero(client, home_page):
    ask(client, 0, kind="newsletter")
    client.post(path_of(confirmation_link()))
    assert Follow.objects.filter(target="newsletter", target_id=0, subscriber__isnull=False)


def test_unknown_tokens_get_a_german_404(client):
    response = client.get(reverse("notifications:confirm", args=["x" * 64]))
    assert response.status_code == 404
    assert "nicht (mehr) gültig" in response.content.decode()


def test_after_seven_days_the_link_is_gone_and_the_job_deletes_the_entry(client, project):
    with time_machine.travel(timezone.now() - timedelta(days=7, minutes=1), tick=False):
        ask(client, project.pk)
        link = path_of(confirmation_link())
    fresh = ask(client, project.pk, email="neu@example.org")
    assert fresh.status_code == 302
    response = client.post(link)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert not Follow.objects.exists()
    get_job("notifications.delete_expired_pending_follows").func()
    assert list(PendingFollow.objects.values_list("email", flat=True)) == ["neu@example.org"]
    assert client.get(link).status_code == 404


def test_an_expired_entry_sends_no_mail(client, project):
    ask(client, project.pk)
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        delivery.send_batch()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("kind", "make_id"),
    [
        ("project", lambda project, restricted: restricted.pk),
        ("project", lambda project, restricted: 987654),
        ("department", lambda project, restricted: project.department_id),
        ("newsletter", lambda project, restricted: 1),
    ],
)
def test_hidden_unknown_and_account_only_targets_are_refused(
    client, project, restricted_project, kind, make_id
):
    response = ask(client, make_id(project, restricted_project), kind=kind)
    assert response.status_code in (400, 404)
    assert not PendingFollow.objects.exists() and not Delivery.objects.exists()


def test_a_bad_address_is_refused_next_to_the_field(client, project):
    response = ask(client, project.pk, email="keine-adresse")
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not PendingFollow.objects.exists()


def test_the_honeypot_gets_the_same_answer_and_stores_nothing(client, project):
    response = ask(client, project.pk, website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == project.url
    assert not PendingFollow.objects.exists()


def test_one_address_is_limited(client, project, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "email_follow_per_address": "2/d"}
    assert ask(client, project.pk).status_code == 302
    assert ask(client, project.pk, email="besuch@example.org ").status_code == 302
    response = ask(client, project.pk)
    assert response.status_code == 429 and response["Retry-After"]
    assert PendingFollow.objects.count() == 2


def test_one_network_is_limited(client, project, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "email_follow_per_ip": "2/h"}
    ask(client, project.pk, email="a@example.org")
    ask(client, project.pk, email="b@example.org")
    assert ask(client, project.pk, email="c@example.org").status_code == 429
    assert PendingFollow.objects.count() == 2


def test_the_token_is_bound_to_its_entry(project):
    access = PageAccess()
    assert optin.confirm(access, "0" * 64) is None
    assert optin.look_up("").pending is None


def test_a_mail_outage_delays_the_confirmation_and_loses_nothing(client, project, settings):
    ask(client, project.pk)
    original = (settings.MAILERS, settings.PORTAL_OUTBOX_MAILER)
    # A mail server that is not there: nothing listens on the closed port.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.MAILERS = {
        **settings.MAILERS,
        "away": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        },
    }
    settings.PORTAL_OUTBOX_MAILER = "away"
    delivery.send_batch()
    settings.MAILERS, settings.PORTAL_OUTBOX_MAILER = original
    row = Delivery.objects.get()
    assert row.status == "queued" and row.attempts == 1 and mail.outbox == []
    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=None)
    client.post(path_of(confirmation_link()))
    assert Follow.objects.filter(target="project", target_id=project.pk).exists()
