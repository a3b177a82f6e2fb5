"""One login policy for every place a password is checked.

Entry points: the account pages (/accounts/login/), the admin's login
(/cms/login/), allauth's headless browser and app endpoints. Wrong guesses
at any of them lock the account (and the network) at all of them, in the
shared cache; unverified addresses sign in nowhere; nothing else checks
passwords (Wagtail's own login, Django REST framework's Basic auth).
"""

import base64
import datetime

import pytest
import time_machine
from allauth.core.internal.ratelimit import parse_rates
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.test import Client, RequestFactory

from portal.settings import base as base_settings
from tests.api.conftest import call
from tests.factories import TEST_PASSWORD, StaffUserFactory, UserFactory

ENTRY_POINTS = ["account_page", "admin", "headless_browser", "headless_app"]
WRONG = "falsches-passwort-123"


def login_failed_limits() -> dict[str, int]:
    """{"ip": n, "key": n} from the portal's configuration of allauth's login_failed limit."""
    rates = parse_rates(base_settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return {rate.per: rate.amount for rate in rates}


@pytest.fixture(autouse=True)
def login_limits(settings):
    """The production limits (tests run with allauth's limits off otherwise)."""
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    return login_failed_limits()


def sign_in(entry: str, email: str, password: str, network="127.0.0.1", host="localhost"):
    """Tries to sign in at ``entry``; returns (signed in?, response)."""
    client = Client(REMOTE_ADDR=network, HTTP_HOST=host)
    if entry == "account_page":
        response = client.post("/accounts/login/", {"login": email, "password": password})
        return "_auth_user_id" in client.session, response
    if entry == "admin":
        # Both field names: Wagtail's own form asked for "username".
        data = {"login": email, "username": email, "password": password, "next": "/cms/"}
        response = client.post("/cms/login/", data)
        return "_auth_user_id" in client.session, response
    prefix = {"headless_browser": "/_allauth/browser/v1", "headless_app": "/_allauth/app/v1"}[entry]
    response, body = call(
        client, "post", f"{prefix}/auth/login", {"email": email, "password": password}
    )
    return response.status_code == 200 and body["meta"]["is_authenticated"], response


@pytest.fixture
def editor_account(db):
    return StaffUserFactory(email="redaktion@example.org")


@pytest.fixture(params=["citizen", "editor"])
def account(request, citizen, editor_account):
    return {"citizen": citizen, "editor": editor_account}[request.param]


def test_every_entry_point_signs_in_with_the_right_password(home_page, editor_account):
    for entry in ENTRY_POINTS:
        signed_in, response = sign_in(entry, editor_account.email, TEST_PASSWORD)
        assert signed_in, (entry, response.status_code)


@pytest.mark.parametrize("guessed_at", ENTRY_POINTS)
def test_wrong_guesses_lock_the_account_on_every_entry_point(
    home_page, account, guessed_at, login_limits
):
    for _attempt in range(login_limits["key"]):
        signed_in, _response = sign_in(guessed_at, account.email, WRONG)
        assert not signed_in
    for entry in ENTRY_POINTS:
        signed_in, _response = sign_in(entry, account.email, TEST_PASSWORD, network="10.0.0.9")
        assert not signed_in, f"{entry} signed in while the account is locked"
    # The lock is temporary: once the window has passed the right password works again.
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
    with time_machine.travel(later):
        signed_in, _response = sign_in("account_page", account.email, TEST_PASSWORD)
        assert signed_in


def test_the_lock_is_said_in_german(home_page, citizen, login_limits):
    for _attempt in range(login_limits["key"]):
        sign_in("account_page", citizen.email, WRONG)
    _signed_in, response = sign_in("account_page", citizen.email, TEST_PASSWORD)
    assert response.status_code == 200
    assert "Zu viele" in response.content.decode()


def test_the_host_name_does_not_give_fresh_attempts(home_page, citizen, login_limits):
    """allauth keyed the counter by the Host header, which the client chooses."""
    for _attempt in range(login_limits["key"]):
        sign_in("account_page", citizen.email, WRONG, host="localhost")
    for host in ["LOCALHOST", "Localhost", "localhost.", "127.0.0.1"]:
        signed_in, _response = sign_in(
            "account_page", citizen.email.upper(), TEST_PASSWORD, host=host, network="10.0.0.7"
        )
        assert not signed_in, host


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_wrong_guesses_from_one_network_lock_it_for_every_account(
    home_page, citizen, editor_account, entry, login_limits
):
    for number in range(login_limits["ip"]):
        sign_in(entry, f"geraten-{number}@example.org", WRONG, network="192.0.2.10")
    for other_entry in ENTRY_POINTS:
        signed_in, _response = sign_in(
            other_entry, editor_account.email, TEST_PASSWORD, network="192.0.2.10"
        )
        assert not signed_in, f"{other_entry} signed in from a locked network"
    signed_in, _response = sign_in(entry, editor_account.email, TEST_PASSWORD, network="10.1.1.1")
    assert signed_in, "another network is not affected"


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("factory", [UserFactory, StaffUserFactory], ids=["citizen", "editor"])
def test_an_unverified_address_signs_in_nowhere(home_page, entry, factory):
    user = factory(email="unbestaetigt@example.org", verified=False)
    signed_in, _response = sign_in(entry, user.email, TEST_PASSWORD)
    assert not signed_in


def test_a_password_check_outside_the_policy_is_refused(citizen):
    """Any view that calls authenticate() itself fails closed instead of guessing freely."""
    request = RequestFactory().post("/elsewhere/")
    assert authenticate(request, username=citizen.email, password=TEST_PASSWORD) is None
    assert authenticate(request, username=citizen.username, password=TEST_PASSWORD) is None
    assert authenticate(request, email=citizen.email, password=TEST_PASSWORD) is None


@pytest.fixture
def password_checks():
    """Every failed password check (Django sends user_login_failed for each)."""
    failures = []

    def record(sender, credentials, **kwargs):
        failures.append(credentials)

    user_login_failed.connect(record)
    yield failures
    user_login_failed.disconnect(record)


def basic_auth(email: str, password: str) -> dict:
    token = base64.b64encode(f"{email}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_wagtail_api_checks_no_passwords(client, home_page, citizen, password_checks):
    """REST framework's default Basic authentication was an unlimited guessing entry point."""
    for _attempt in range(25):
        response = client.get("/api/v2/pages/", **basic_auth(citizen.email, WRONG))
        assert response.status_code == 200
    response = client.get("/api/v2/pages/", **basic_auth(citizen.email, TEST_PASSWORD))
    assert response.status_code == 200
    assert password_checks == []


def test_a_citizen_cannot_sign_in_at_the_admin_login(home_page, citizen):
    signed_in, response = sign_in("admin", citizen.email, TEST_PASSWORD)
    assert not signed_in
    assert response.status_code == 200
    assert "nur für Mitarbeitende" in response.content.decode()


def test_a_signed_in_citizen_is_told_the_admin_is_for_staff(client, home_page, citizen):
    client.force_login(citizen)
    response = client.get("/cms/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    page = response.content.decode()
    assert "nur für Mitarbeitende" in page
    assert 'href="/"' in page


def test_the_admin_login_says_who_it_is_for(client, home_page):
    response = client.get("/cms/login/?next=/cms/pages/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "nur für Mitarbeitende" in page
    assert 'href="/accounts/login/"' in page
    assert 'name="next" value="/cms/pages/"' in page


def test_an_editor_signs_in_at_the_admin_and_lands_there(home_page, editor_account):
    client = Client()
    response = client.post(
        "/cms/login/",
        {"login": editor_account.email, "password": TEST_PASSWORD, "next": "/cms/pages/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cms/pages/"
    assert client.get("/cms/").status_code == 200


def test_the_admin_password_reset_hands_over_to_the_account_pages(client, home_page):
    response = client.get("/cms/password_reset/")
    assert response.status_code in {301, 302}
    assert response["Location"] == "/accounts/password/reset/"
    # Wagtail's own reset views (unlimited mails, no shared lock reset) are gone.
    assert client.get("/cms/password_reset/done/").status_code == 404


def test_the_admin_changes_passwords_on_the_account_pages(client, home_page, editor_account):
    """Wagtail's own password change checked the old password outside the policy."""
    client.force_login(editor_account)
    page = client.get("/cms/account/").content.decode()
    assert "old_password" not in page
    assert 'href="/accounts/password/change/"' in page
    assert 'href="/accounts/2fa/"' in page


def test_wrong_passwords_when_deleting_the_account_count_too(
    client, home_page, citizen, login_limits
):
    """A signed-in session (perhaps someone else's) cannot try passwords without limit."""
    client.force_login(citizen)
    for _attempt in range(login_limits["key"]):
        response = client.post("/accounts/delete/", {"password": WRONG})
        assert response.status_code == 200
    response = client.post("/accounts/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Zu viele" in response.content.decode()
    signed_in, _response = sign_in("account_page", citizen.email, TEST_PASSWORD, network="10.0.0.8")
    assert not signed_in
