"""Citizen accounts for headless clients: allauth's browser (session + CSRF) and app (token) flows.

The participation API accepts both: the browser session with its CSRF
token, and the app's X-Session-Token (portal/api/app_tokens.py).
"""

import re

import pytest
from django.core import mail
from django.test import Client

from comments.models import Comment
from tests.api.conftest import call
from tests.factories import TEST_PASSWORD

BROWSER = "/_allauth/browser/v1"
APP = "/_allauth/app/v1"
KEY_IN_MAIL = re.compile(r"/confirm-email/([^/\s]+)/|/bestaetigen/([^/\s]+)")


def csrf_headers(client) -> dict:
    client.get(f"{BROWSER}/config")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def verification_key() -> str:
    match = KEY_IN_MAIL.search(mail.outbox[-1].body)
    return match[1] or match[2]


def sign_up(client, prefix, headers=None):
    return call(
        client,
        "post",
        f"{prefix}/auth/signup",
        {
            "email": "neu@example.org",
            "password": TEST_PASSWORD,
            "display_name": "Neue Stimme",
            "consent": True,  # the privacy notice read, the terms accepted (accounts.consent)
        },
        **(headers or {}),
    )


def test_browser_signup_verify_login_and_comment(project):
    browser = Client(enforce_csrf_checks=True)
    headers = csrf_headers(browser)
    response, body = sign_up(browser, BROWSER, headers)
    # Signed up, but the e-mail address must be verified first.
    assert response.status_code == 401
    assert [flow["id"] for flow in body["data"]["flows"] if flow.get("is_pending")] == [
        "verify_email"
    ]
    response, body = call(
        browser, "post", f"{BROWSER}/auth/email/verify", {"key": verification_key()}, **headers
    )
    assert response.status_code == 200, body
    assert body["meta"]["is_authenticated"] is True
    # The session now writes to the participation API, with the CSRF token.
    headers = csrf_headers(browser)
    url = f"/api/v1/comments/pages/{project.pk}"
    response, _body = call(browser, "post", url, {"body": "Gute Idee!"}, **headers)
    assert response.status_code == 201
    assert Comment.objects.get().author.display_name == "Neue Stimme"


def test_browser_login_needs_the_csrf_token(citizen):
    browser = Client(enforce_csrf_checks=True)
    credentials = {"email": citizen.email, "password": TEST_PASSWORD}
    response, _body = call(browser, "post", f"{BROWSER}/auth/login", credentials)
    assert response.status_code == 403
    response, body = call(
        browser, "post", f"{BROWSER}/auth/login", credentials, **csrf_headers(browser)
    )
    assert response.status_code == 200
    assert body["data"]["user"]["email"] == citizen.email  # one's own address, to oneself
    assert body["data"]["user"]["display"] == "Radlerin"  # the public name, not the username


def test_session_writes_without_csrf_token_are_refused(citizen, project):
    browser = Client(enforce_csrf_checks=True)
    credentials = {"email": citizen.email, "password": TEST_PASSWORD}
    call(browser, "post", f"{BROWSER}/auth/login", credentials, **csrf_headers(browser))
    response, body = call(browser, "post", f"/api/v1/comments/pages/{project.pk}", {"body": "Hi"})
    assert (response.status_code, body["code"]) == (403, "csrf_failed")


@pytest.fixture
def app_token(citizen):
    app = Client(enforce_csrf_checks=True)
    credentials = {"email": citizen.email, "password": TEST_PASSWORD}
    response, body = call(app, "post", f"{APP}/auth/login", credentials)
    assert response.status_code == 200, body
    return body["meta"]["session_token"]


def test_app_token_authenticates_participation_writes(app_token, project, public_poll):
    app = Client(enforce_csrf_checks=True)  # no cookies at all
    headers = {"HTTP_X_SESSION_TOKEN": app_token}
    response, body = call(
        app, "post", f"/api/v1/comments/pages/{project.pk}", {"body": "Aus der App"}, **headers
    )
    assert response.status_code == 201, body
    assert body["author"]["name"] == "Radlerin"
    question = public_poll.questions.get()
    ballot = {"answers": [{"question": question.pk, "choices": [question.choices.first().pk]}]}
    response, body = call(app, "post", f"/api/v1/polls/{public_poll.pk}/ballot", ballot, **headers)
    assert response.status_code == 201, body
    response, body = call(app, "get", f"/api/v1/polls/{public_poll.pk}", **headers)
    assert body["ballot"] is not None
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_app_token_is_401(project):
    app = Client(enforce_csrf_checks=True)
    response, body = call(
        app,
        "post",
        f"/api/v1/comments/pages/{project.pk}",
        {"body": "x"},
        HTTP_X_SESSION_TOKEN="erfunden",
    )
    assert (response.status_code, body["code"]) == (401, "invalid_session_token")


def test_app_logout_ends_the_token(app_token, project):
    app = Client()
    response = app.delete(f"{APP}/auth/session", HTTP_X_SESSION_TOKEN=app_token)
    assert response.status_code == 401  # allauth: "no longer authenticated"
    response, _body = call(
        app, "get", f"/api/v1/comments/pages/{project.pk}", HTTP_X_SESSION_TOKEN=app_token
    )
    assert response.status_code == 401


def test_allauth_publishes_its_own_openapi_document(client, db):
    response = client.get("/_allauth/openapi.json")
    assert response.status_code == 200
    assert "/_allauth/{client}/v1/auth/login" in response.json()["paths"]
