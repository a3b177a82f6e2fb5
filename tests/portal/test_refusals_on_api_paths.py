"""Django's own refusals (CSRF, bad host) answer a problem body under the APIs, a page elsewhere."""

import json

import pytest
from django.test import Client

from tests.api.test_headless_accounts import BROWSER


@pytest.mark.django_db
def test_csrf_failure_on_headless_login_is_a_problem():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        f"{BROWSER}/auth/login",
        json.dumps({"email": "a@example.org", "password": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 403
    assert body["code"] == "csrf_failed"
    assert "CSRF" in body["detail"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_csrf_failure_on_a_page_stays_djangos_page(home_page):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_refused_host_on_the_api_is_a_problem(client):
    response = client.get("/api/v2/pages/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
