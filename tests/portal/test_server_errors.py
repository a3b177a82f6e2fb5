"""A failure inside the portal: a problem body on every API, a page elsewhere, never internals."""

import json

import pytest
from allauth.headless.base.views import ConfigView

from pages.models import HomePage
from portal.api.v2.views import PortalPagesAPIViewSet

SECRET = "internal detail: password=hunter2 at /srv/portal/app.py line 42"


def fail(*args, **kwargs):
    raise RuntimeError(SECRET)


@pytest.fixture
def broken(monkeypatch):
    """Each API's code fails with an unexpected error (a bug, not bad input)."""
    monkeypatch.setattr("search.api.suggest", fail)
    monkeypatch.setattr(PortalPagesAPIViewSet, "get_queryset", fail)
    monkeypatch.setattr(ConfigView, "get", fail)
    monkeypatch.setattr(HomePage, "get_context", fail)


@pytest.fixture
def client(client):
    # Answer as in production instead of re-raising into the test.
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/search/autocomplete?q=Radweg",
        "/api/v2/pages/",
        "/_allauth/browser/v1/config",
        "/_allauth/app/v1/config",
    ],
)
def test_a_server_error_in_an_api_is_a_problem_without_internals(
    client, home_page, broken, url, caplog
):
    response = client.get(url)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response["Cache-Control"] == "no-store"
    body = json.loads(response.content)
    assert body["type"] == "/api/problems/server-error"
    assert body["status"] == 500
    assert body["title"] == "Serverfehler"
    assert body["detail"].startswith("Auf unserer Seite ist ein Fehler aufgetreten.")
    assert "hunter2" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    # The operators still learn what happened.
    assert any(SECRET in record.getMessage() or record.exc_info for record in caplog.records)


def test_a_server_error_on_a_page_is_the_german_error_page(client, home_page, broken):
    response = client.get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Technischer Fehler" in response.content.decode()
    assert "hunter2" not in response.content.decode()
