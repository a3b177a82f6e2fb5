"""The OpenAPI document is the headless contract: it changes only deliberately."""

import json

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from portal.api.schema import build_schema, schema_json
from portal.api.snapshot import SNAPSHOT


def test_schema_matches_the_committed_snapshot():
    committed = SNAPSHOT.read_text(encoding="utf-8").rstrip("\n")
    assert schema_json() == committed, (
        "The API contract changed. If that is deliberate, run `make openapi-snapshot` "
        "and commit tests/api/openapi.snapshot.json with the change."
    )


def test_schema_describes_every_endpoint():
    paths = build_schema()["paths"]
    expected = {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/page_preview/",
        "/api/v1/polls/{poll_id}",
        "/api/v1/polls/{poll_id}/ballot",
        "/api/v1/comments/pages/{page_id}",
        "/api/v1/comments/{comment_id}/replies",
        "/api/v1/search/",
        "/api/v1/search/autocomplete",
    }
    assert expected <= set(paths)


def test_every_error_is_a_problem_document():
    for path, item in build_schema()["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    assert list(response["content"]) == ["application/problem+json"], (
                        path,
                        method,
                        status,
                    )


def test_schema_and_docs_are_served(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert json.loads(response.content)["info"]["title"] == "Beteiligungsportal API"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Served from our own static files: no CDN, and the strict CSP's script rule holds.
    assert "/static/ninja/swagger-ui-bundle.js" in html
    soup = BeautifulSoup(html, "html.parser")
    sources = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")]
    assert sources and all(source.startswith("/") for source in sources), sources
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    assert finders.find("ninja/swagger-ui-bundle.js") is not None
