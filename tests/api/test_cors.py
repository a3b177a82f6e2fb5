"""CORS only for the front ends named in the environment, with credentials, on the API paths."""

import pytest

ALLOWED = "https://www.jena.de"


@pytest.fixture(autouse=True)
def allowed_origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def test_allowed_origin_gets_credentials(client, project):
    response = client.get(f"/api/v2/pages/{project.pk}/", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "etag" in response["Access-Control-Expose-Headers"]


def test_preflight_for_a_write_with_csrf_and_token_headers(client, project):
    response = client.options(
        f"/api/v1/comments/pages/{project.pk}",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-csrftoken,x-session-token",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "x-csrftoken" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/_allauth/browser/v1/config"])
def test_other_origins_get_nothing(client, project, path):
    response = client.get(path, HTTP_ORIGIN="https://evil.example")
    assert not response.has_header("Access-Control-Allow-Origin")


def test_html_pages_never_answer_cors(client, project):
    response = client.get(project.url, HTTP_ORIGIN=ALLOWED)
    assert not response.has_header("Access-Control-Allow-Origin")


def test_allowed_origins_come_from_the_environment_and_are_trusted_for_csrf(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://www.jena.de, https://app.jena.de")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "https://beteiligung.jena.de")
    reloaded = importlib.reload(base)
    try:
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://www.jena.de", "https://app.jena.de"]
        assert set(reloaded.CSRF_TRUSTED_ORIGINS) == {
            "https://beteiligung.jena.de",
            "https://www.jena.de",
            "https://app.jena.de",
        }
    finally:
        monkeypatch.undo()
        importlib.reload(base)
