"""Consent at signup, stored with version and time; a changed notice asks again (issue 11, item 13).

Every way in is covered: the HTML signup and login, the admin's login,
allauth's headless signup and login (browser and app), and sessions that
began before the version changed (pages and API writes).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from accounts.consent import current_versions, signature
from accounts.models import Consent
from pages.models import PortalSettings
from tests.api.conftest import call
from tests.factories import (
    TEST_PASSWORD,
    ProjectPageFactory,
    ProjectPhaseFactory,
    StandardPageFactory,
    UserFactory,
)

User = get_user_model()

CONFIRM = "Bitte bestätigen Sie dies, um fortzufahren."
BROWSER = "/_allauth/browser/v1"
APP = "/_allauth/app/v1"


@pytest.fixture
def documents(home_page):
    """The privacy notice and the terms of use, linked in the portal settings."""
    privacy = StandardPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    terms = StandardPageFactory(parent=home_page, title="Nutzungsbedingungen", slug="nutzung")
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.privacy_page = privacy
    portal_settings.terms_page = terms
    portal_settings.save()
    return {"privacy": privacy, "terms": terms}


@pytest.fixture
def project(project_index):
    """A project with a running participation phase: its discussion is open."""
    page = ProjectPageFactory(parent=project_index, title="Grüner Marktplatz", slug="markt")
    today = timezone.localdate()
    ProjectPhaseFactory(
        page=page,
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=10),
    )
    return page


@pytest.fixture
def new_terms(settings):
    """The terms of use changed since the citizens agreed."""
    settings.PORTAL_CONSENT_VERSIONS = {"privacy": "1", "terms": "2"}


@pytest.fixture
def citizen_of_old_terms(db, settings):
    settings.PORTAL_CONSENT_VERSIONS = {"privacy": "1", "terms": "1"}
    user = UserFactory(display_name="Altkundin")
    Consent.objects.create(user=user, document="privacy", version="1")
    Consent.objects.create(user=user, document="terms", version="1")
    return user


def signup(client, **overrides):
    data = {
        "email": "neu@example.org",
        "display_name": "Neue Stimme",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return client.post("/accounts/signup/", {k: v for k, v in data.items() if v is not None})


def csrf_headers(client) -> dict:
    client.get(f"{BROWSER}/config")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signup_page_links_the_documents_from_the_portal_settings(client, documents):
    html = client.get("/accounts/signup/").content.decode()

    assert 'type="checkbox" name="consent"' in html
    assert 'href="/datenschutz/"' in html and 'href="/nutzung/"' in html
    assert (
        "Ich habe die Datenschutzhinweise gelesen und akzeptiere die Nutzungsbedingungen." in html
    )


def test_the_link_target_follows_the_setting(client, documents, home_page):
    other = StandardPageFactory(parent=home_page, title="AGB neu", slug="agb-neu")
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.terms_page = other
    portal_settings.save()

    html = client.get("/accounts/signup/").content.decode()

    assert 'href="/agb-neu/"' in html and 'href="/nutzung/"' not in html


def test_signup_without_consent_is_refused_at_the_field(client, documents):
    response = signup(client, consent=None)

    assert response.status_code == 200
    assert response.context["form"].errors["consent"] == [CONFIRM]
    assert not User.objects.exists()
    assert not Consent.objects.exists()


def test_signup_stores_the_consent_with_version_and_time(client, documents, settings):
    settings.PORTAL_CONSENT_VERSIONS = {"privacy": "2026-12", "terms": "3"}
    before = timezone.now()

    response = signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    given = {(c.document, c.version): c.given_at for c in user.consents.all()}
    assert set(given) == {("privacy", "2026-12"), ("terms", "3")}
    assert all(before <= when <= timezone.now() for when in given.values())
    assert user.consented_versions == "privacy=2026-12;terms=3"


def test_headless_signup_needs_the_consent_too(client, documents):
    payload = {"email": "neu@example.org", "password": TEST_PASSWORD, "display_name": "Neue Stimme"}
    response, body = call(client, "post", f"{BROWSER}/auth/signup", payload)

    assert response.status_code == 400, body
    assert [error["param"] for error in body["errors"]] == ["consent"]
    assert body["errors"][0]["message"] == CONFIRM
    assert not User.objects.exists()

    response, body = call(client, "post", f"{BROWSER}/auth/signup", {**payload, "consent": True})

    assert response.status_code == 401  # the e-mail address waits for confirmation
    assert User.objects.get().consents.count() == 2


def test_html_login_after_a_change_asks_before_anything_else(
    client, documents, citizen_of_old_terms, new_terms
):
    response = client.post(
        "/accounts/login/?next=/projekte/",
        {"login": citizen_of_old_terms.email, "password": TEST_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/consent/"
    assert not logged_in(client)
    page = client.get("/accounts/consent/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert 'href="/nutzung/"' in page.content.decode()

    refused = client.post("/accounts/consent/", {})
    assert refused.context["form"].errors["consent"] == [CONFIRM]
    assert not logged_in(client)

    response = client.post("/accounts/consent/", {"consent": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/projekte/"
    assert logged_in(client)
    versions = list(citizen_of_old_terms.consents.values_list("document", "version"))
    assert versions == [("privacy", "1"), ("terms", "1"), ("terms", "2")]  # history kept
    citizen_of_old_terms.refresh_from_db()
    assert citizen_of_old_terms.consented_versions == "privacy=1;terms=2"


def test_cancelling_the_consent_cancels_the_login(client, citizen_of_old_terms, new_terms):
    client.post(
        "/accounts/login/", {"login": citizen_of_old_terms.email, "password": TEST_PASSWORD}
    )

    response = client.post("/accounts/consent/", {"cancel": "1"})

    assert response.status_code == 302
    assert not logged_in(client)
    assert citizen_of_old_terms.consents.count() == 2


def test_login_with_current_consent_is_not_interrupted(client, citizen):
    response = client.post("/accounts/login/", {"login": citizen.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in(client)


def test_admin_login_asks_too(client, citizen_of_old_terms, new_terms):
    citizen_of_old_terms.is_staff = True
    citizen_of_old_terms.is_superuser = True
    citizen_of_old_terms.save()

    response = client.post(
        "/cms/login/", {"login": citizen_of_old_terms.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/consent/"
    assert not logged_in(client)


def test_headless_browser_login_reports_a_pending_consent_flow(
    documents, citizen_of_old_terms, new_terms
):
    browser = Client(enforce_csrf_checks=True)
    headers = csrf_headers(browser)
    credentials = {"email": citizen_of_old_terms.email, "password": TEST_PASSWORD}

    response, body = call(browser, "post", f"{BROWSER}/auth/login", credentials, **headers)

    assert response.status_code == 401
    assert {"id": "consent", "is_pending": True} in body["data"]["flows"]
    assert body["meta"]["is_authenticated"] is False
    # The participation API still sees an anonymous visitor.
    response, body = call(browser, "get", "/api/v1/me/consents")
    assert response.status_code == 401

    response, body = call(browser, "post", f"{BROWSER}/auth/consent", {"consent": False}, **headers)
    assert response.status_code == 400, body
    assert body["errors"][0]["param"] == "consent"

    response, body = call(browser, "post", f"{BROWSER}/auth/consent", {"consent": True}, **headers)

    assert response.status_code == 200, body
    assert body["meta"]["is_authenticated"] is True
    assert citizen_of_old_terms.consents.filter(document="terms", version="2").exists()


def test_headless_app_login_reports_and_completes_the_consent(citizen_of_old_terms, new_terms):
    app = Client(enforce_csrf_checks=True)
    credentials = {"email": citizen_of_old_terms.email, "password": TEST_PASSWORD}

    response, body = call(app, "post", f"{APP}/auth/login", credentials)

    assert response.status_code == 401
    assert {"id": "consent", "is_pending": True} in body["data"]["flows"]
    token = body["meta"]["session_token"]

    response, body = call(
        app, "post", f"{APP}/auth/consent", {"consent": True}, HTTP_X_SESSION_TOKEN=token
    )

    assert response.status_code == 200, body
    assert body["meta"]["is_authenticated"] is True
    assert citizen_of_old_terms.consents.filter(document="terms", version="2").exists()


def test_the_consent_endpoint_without_a_pending_login_is_401(client, db):
    response, _body = call(client, "post", f"{APP}/auth/consent", {"consent": True})
    assert response.status_code == 401


def test_a_running_session_is_asked_at_its_next_page(
    client, documents, citizen_of_old_terms, new_terms
):
    client.force_login(citizen_of_old_terms)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/consent/?next=%2F"
    assert response["Cache-Control"] == "private, no-store"
    # The documents, one's own data, account deletion and signing out stay open.
    assert client.get("/nutzung/").status_code == 200
    assert client.get("/accounts/data/").status_code == 200
    assert client.get("/accounts/delete/").status_code == 200

    response = client.post("/accounts/consent/", {"consent": "on", "next": "/"})

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_running_session_can_sign_out_instead(client, citizen_of_old_terms, new_terms):
    client.force_login(citizen_of_old_terms)

    response = client.post("/accounts/consent/", {"cancel": "1"})

    assert response.status_code == 302
    assert not logged_in(client)


def test_api_writes_wait_for_the_consent(project, citizen_of_old_terms, new_terms):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen_of_old_terms)
    headers = csrf_headers(browser)
    url = f"/api/v1/comments/pages/{project.pk}"

    response, body = call(browser, "post", url, {"body": "Gute Idee!"}, **headers)

    assert response.status_code == 403
    assert body["code"] == "consent_required"
    assert response["Content-Type"] == "application/problem+json"
    assert call(browser, "get", url)[0].status_code == 200  # reading goes on

    response, body = call(browser, "get", "/api/v1/me/consents")
    assert body["required"] is True
    assert [(d["document"], d["version"], d["agreed"]) for d in body["documents"]] == [
        ("privacy", "1", True),
        ("terms", "2", False),
    ]
    response, body = call(browser, "post", "/api/v1/me/consents", {"consent": False}, **headers)
    assert (response.status_code, body["code"]) == (400, "consent_missing")

    response, body = call(browser, "post", "/api/v1/me/consents", {"consent": True}, **headers)

    assert response.status_code == 200, body
    assert body["required"] is False
    assert response["Cache-Control"] == "private, no-store"
    response, body = call(browser, "post", url, {"body": "Gute Idee!"}, **headers)
    assert response.status_code == 201, body


def test_consent_endpoint_needs_the_csrf_token(client, citizen_of_old_terms, new_terms):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen_of_old_terms)

    response, body = call(browser, "post", "/api/v1/me/consents", {"consent": True})

    assert (response.status_code, body["code"]) == (403, "csrf_failed")
    assert not citizen_of_old_terms.consents.filter(version="2").exists()


def test_citizens_who_never_agreed_are_asked(client, db):
    legacy = UserFactory(display_name="Vorher", consented_versions="")
    client.force_login(legacy)

    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/consent/")


def test_signature_is_stable():
    assert signature({"terms": "2", "privacy": "1"}) == "privacy=1;terms=2"
    assert set(current_versions()) == {"privacy", "terms"}


def test_consent_rows_are_kept_per_version(db):
    user = UserFactory()
    Consent.objects.create(user=user, document="terms", version="1")
    later = timezone.now() + datetime.timedelta(days=1)
    Consent.objects.create(user=user, document="terms", version="2", given_at=later)
    assert [c.version for c in user.consents.all()] == ["1", "2"]
