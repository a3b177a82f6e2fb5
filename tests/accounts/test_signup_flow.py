"""Signup, e-mail verification, sign-in and sign-out; the public name is a pseudonym."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import TEST_PASSWORD, UserFactory

User = get_user_model()


def signup(client, **overrides):
    data = {
        "email": "anna@example.org",
        "display_name": "Radlerin_Anna",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return client.post("/accounts/signup/", data)


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signup_verify_login_logout(client, home_page):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert user.display_name == "Radlerin_Anna"
    # The internal username reveals nothing of the e-mail address.
    assert "anna" not in user.username
    assert not EmailAddress.objects.get(user=user).verified
    assert not is_logged_in(client)

    # Signing in before verifying is not possible; the mail is sent again instead.
    client.post("/accounts/login/", {"login": "anna@example.org", "password": TEST_PASSWORD})
    assert not is_logged_in(client)

    (message, *_resent) = mail.outbox
    link = confirmation_link(message)
    assert client.get(link).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified, "GET must not verify (mail scanners)"

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert is_logged_in(client)

    client.post("/accounts/logout/")
    assert not is_logged_in(client)

    response = client.post(
        "/accounts/login/", {"login": "anna@example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": "ab"}, "display_name", "Bitte verwenden Sie mindestens 3 Zeichen."),
        (
            {"display_name": "anna@example.org"},
            "display_name",
            "Ein Anzeigename darf keine E-Mail-Adresse enthalten.",
        ),
        (
            {"display_name": "Stadt-Redaktion"},
            "display_name",
            "Dieser Name ist den Mitarbeitenden der Stadt vorbehalten. "
            "Bitte wählen Sie einen anderen.",
        ),
        ({"display_name": "radlerin"}, "display_name", "Dieser Anzeigename ist bereits vergeben."),
        ({"password2": "something-else-123"}, "password2", None),
        ({"email": "not-an-email"}, "email", None),
    ],
)
def test_bad_signup_input_is_refused_next_to_the_field(
    client, home_page, overrides, field, message
):
    UserFactory(display_name="Radlerin")
    response = signup(client, **overrides)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert not User.objects.filter(email="anna@example.org").exists()
    assert mail.outbox == []


def test_password_reset_sends_a_link(client, citizen):
    response = client.post("/accounts/password/reset/", {"email": citizen.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
