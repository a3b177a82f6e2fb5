"""Two-factor authentication: TOTP and recovery codes, required for staff, optional for citizens.

Codes come from allauth's own TOTP helper, as an authenticator app would
compute them.
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, Permission
from django.test import Client

from portal.settings import base as base_settings
from tests.api.conftest import call
from tests.factories import TEST_PASSWORD, StaffUserFactory, UserFactory


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user) -> tuple[str, list[str]]:
    """Switches on TOTP and recovery codes for ``user``; returns (secret, recovery codes)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    return secret, codes


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def login_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS


@pytest.fixture
def required(settings):
    settings.PORTAL_REQUIRE_ADMIN_MFA = True


@pytest.fixture
def editor_account(db):
    return StaffUserFactory(email="redaktion@example.org")


def password_step(client, user, url="/accounts/login/", **extra):
    return client.post(url, {"login": user.email, "password": TEST_PASSWORD, **extra})


def confirm_password(client, next_url: str) -> None:
    """allauth asks for the password again before authenticators are added or removed."""
    response = client.get(next_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert response["Location"] == next_url


def activate_totp(client) -> str:
    """Sets up the authenticator app as its owner would; returns the secret."""
    confirm_password(client, "/accounts/2fa/totp/activate/")
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    return secret


def test_totp_sign_in_on_the_account_pages(client, home_page, citizen):
    secret, _codes = with_totp(citizen)
    response = password_step(client, citizen)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client), "the password alone must not sign in"
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Zwei-Faktor-Anmeldung" in page
    assert '<label for="id_code">' in page
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_wrong_code_is_refused_at_the_field(client, home_page, citizen):
    with_totp(citizen)
    password_step(client, citizen)
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert not is_signed_in(client)
    page = response.content.decode()
    assert 'aria-describedby="id_code_error"' in page
    assert "Falscher Code" in page


def test_guessing_codes_is_limited(client, home_page, citizen):
    secret, _codes = with_totp(citizen)
    password_step(client, citizen)
    for _attempt in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert not is_signed_in(client)


def test_the_admin_login_asks_for_the_second_factor(client, home_page, editor_account):
    secret, _codes = with_totp(editor_account)
    response = password_step(client, editor_account, url="/cms/login/", next="/cms/pages/")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client)
    assert client.get("/cms/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response["Location"] == "/cms/pages/"
    assert client.get("/cms/pages/").status_code == 200


def test_a_recovery_code_works_once(home_page, citizen):
    _secret, codes = with_totp(citizen)
    first = Client()
    password_step(first, citizen)
    first.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert is_signed_in(first)

    second = Client()
    password_step(second, citizen)
    response = second.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 200
    assert not is_signed_in(second)
    second.post("/accounts/2fa/authenticate/", {"code": codes[1]})
    assert is_signed_in(second)


def pending_flows(body) -> list[str]:
    return [flow["id"] for flow in body["data"]["flows"] if flow.get("is_pending")]


def test_app_login_needs_the_second_factor(home_page, editor_account):
    secret, _codes = with_totp(editor_account)
    app = Client()
    credentials = {"email": editor_account.email, "password": TEST_PASSWORD}
    response, body = call(app, "post", "/_allauth/app/v1/auth/login", credentials)
    assert response.status_code == 401
    assert pending_flows(body) == ["mfa_authenticate"]
    token = body["meta"]["session_token"]
    # Half signed in is not signed in: the participation API refuses the token.
    response, body = call(app, "get", "/api/v1/search/?q=Rad", HTTP_X_SESSION_TOKEN=token)
    assert response.status_code == 401
    assert body["code"] == "invalid_session_token"

    response, body = call(
        app,
        "post",
        "/_allauth/app/v1/auth/2fa/authenticate",
        {"code": current_code(secret)},
        HTTP_X_SESSION_TOKEN=token,
    )
    assert response.status_code == 200, body
    assert body["meta"]["is_authenticated"] is True


def test_browser_login_needs_the_second_factor(home_page, citizen):
    secret, _codes = with_totp(citizen)
    browser = Client()
    credentials = {"email": citizen.email, "password": TEST_PASSWORD}
    response, body = call(browser, "post", "/_allauth/browser/v1/auth/login", credentials)
    assert response.status_code == 401
    assert pending_flows(body) == ["mfa_authenticate"]
    assert not is_signed_in(browser)
    response, body = call(
        browser, "post", "/_allauth/browser/v1/auth/2fa/authenticate", {"code": "123456"}
    )
    assert response.status_code == 400
    response, body = call(
        browser,
        "post",
        "/_allauth/browser/v1/auth/2fa/authenticate",
        {"code": current_code(secret)},
    )
    assert response.status_code == 200
    assert is_signed_in(browser)


def test_editors_without_a_second_factor_are_sent_to_set_it_up(
    client, home_page, editor_account, required
):
    response = password_step(client, editor_account, url="/cms/login/")
    assert response["Location"] == "/cms/"
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert client.get("/cms/pages/")["Location"] == "/accounts/2fa/"
    page = client.get("/accounts/2fa/").content.decode()
    assert "ist die Zwei-Faktor-Anmeldung vorgeschrieben" in page

    confirm_password(client, "/accounts/2fa/totp/activate/")
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert "ist die Zwei-Faktor-Anmeldung vorgeschrieben" in page
    assert '<label for="authenticator_secret">' in page
    assert '<label for="id_code">' in page
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert 'aria-describedby="id_code_error"' in response.content.decode()
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    page = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert page.count("<code>") == 10
    assert "Weiter zur Redaktion" in page
    assert client.get("/cms/").status_code == 200


def test_staff_by_group_permission_are_required_too(client, home_page, required):
    group = Group.objects.create(name="Redaktion Ortsteile")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    member = UserFactory(email="ortsteile@example.org")
    member.groups.add(group)
    client.force_login(member)
    assert client.get("/cms/")["Location"] == "/accounts/2fa/"


def test_editors_with_a_second_factor_reach_the_admin(client, home_page, editor_account, required):
    with_totp(editor_account)
    client.force_login(editor_account)
    assert client.get("/cms/").status_code == 200


def test_not_required_when_switched_off(client, home_page, editor_account, settings):
    settings.PORTAL_REQUIRE_ADMIN_MFA = False
    client.force_login(editor_account)
    assert client.get("/cms/").status_code == 200


def test_a_required_second_factor_cannot_be_switched_off(
    client, home_page, editor_account, required
):
    secret, _codes = with_totp(editor_account)
    password_step(client, editor_account)
    client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    confirm_password(client, "/accounts/2fa/totp/deactivate/")
    response = client.get("/accounts/2fa/totp/deactivate/")
    assert "lässt sich daher nicht abschalten" in response.content.decode()
    client.post("/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=editor_account, type="totp").exists()


def test_citizens_may_switch_it_on_and_off(client, home_page, citizen, required):
    password_step(client, citizen)
    profile = client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/2fa/"' in profile
    assert "Zwei-Faktor-Anmeldung" in profile
    page = client.get("/accounts/2fa/").content.decode()
    assert "Die Zwei-Faktor-Anmeldung ist abgeschaltet." in page
    assert "vorgeschrieben" not in page
    activate_totp(client)
    assert Authenticator.objects.filter(user=citizen, type="totp").exists()
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=citizen, type="totp").exists()
