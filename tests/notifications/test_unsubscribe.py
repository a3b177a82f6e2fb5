"""One-click unsubscribe (RFC 8058) needs no login or CSRF token; a forged link changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications.mails import build_mail
from notifications.models import Follow, FollowTarget, Frequency, NotificationSettings, Subscriber
from notifications.preferences import settings_of
from notifications.tokens import unsubscribe_token

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("notifications:unsubscribe", args=[token])


def test_one_click_post_stops_a_citizens_mail_without_login_or_csrf(citizen):
    Follow.objects.create(user=citizen, target=FollowTarget.PROJECT, target_id=5)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        url(unsubscribe_token(user_id=citizen.pk)), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert settings_of(citizen).frequency == Frequency.NEVER
    # The account still follows: the notification centre keeps working.
    assert Follow.objects.filter(user=citizen).count() == 1


def test_get_only_asks_so_link_scanners_unsubscribe_nobody(client, citizen):
    response = client.get(url(unsubscribe_token(user_id=citizen.pk)))
    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert not NotificationSettings.objects.filter(user=citizen).exists()


def test_a_subscriber_leaves_one_list_and_the_address_goes_with_the_last(client):
    subscriber = Subscriber.objects.create(
        email="besuch@example.org", confirmed_at="2026-12-01T10:00Z"
    )
    Follow.objects.create(subscriber=subscriber, target=FollowTarget.PROJECT, target_id=5)
    Follow.objects.create(subscriber=subscriber, target=FollowTarget.NEWSLETTER, target_id=0)
    token = unsubscribe_token(
        subscriber_id=subscriber.pk, target=FollowTarget.NEWSLETTER, target_id=0
    )
    client.post(url(token))
    assert list(subscriber.follows.values_list("target", flat=True)) == [FollowTarget.PROJECT]
    client.post(url(unsubscribe_token(subscriber_id=subscriber.pk)))
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_a_forged_or_altered_token_is_refused(client, citizen):
    token = unsubscribe_token(user_id=citizen.pk)
    response = client.post(url(token[:-2] + "xy"))
    assert response.status_code == 404
    assert not NotificationSettings.objects.filter(user=citizen).exists()


def test_mails_carry_the_rfc_8058_headers_and_the_imprint_line(citizen):
    link = "https://beteiligung.example/benachrichtigungen/abbestellen/abc/"
    message = build_mail("notifications/mail/base", {}, subject="Neue Phase", unsubscribe_url=link)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0].content
    assert '<html lang="de">' in html and "<h1" in html and "<img" not in html
    assert link in message.body and link in html
