"""Bad input on every API surface is a 4xx problem body naming the problem, never a 500."""

import json

import pytest

from tests.api.conftest import call
from tests.comments.helpers import logged_in

PROBLEM = "application/problem+json"


@pytest.fixture
def writer(citizen):
    return logged_in(citizen)


@pytest.fixture
def urls(project, public_poll):
    return {
        "ballot": f"/api/v1/polls/{public_poll.pk}/ballot",
        "comment": f"/api/v1/comments/pages/{project.pk}",
    }


def assert_problem(response, status, code=None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail", "code"} <= set(body)
    assert body["status"] == status
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize("target", ["ballot", "comment"])
def test_malformed_json(writer, urls, target):
    response = writer.post(urls[target], data=b'{"answers": [', content_type="application/json")
    assert_problem(response, 400, "malformed_json")


@pytest.mark.parametrize("target", ["ballot", "comment"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_types(writer, urls, target, content_type):
    response = writer.post(urls[target], data="body=Hallo", content_type=content_type)
    assert_problem(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    ("target", "payload", "field"),
    [
        ("ballot", {"answers": [], "voter": "admin"}, "voter"),
        ("comment", {"body": "Hallo", "author_email": "x@example.org"}, "author_email"),
    ],
)
def test_unknown_fields_are_named(writer, urls, target, payload, field):
    response, _body = call(writer, "post", urls[target], payload)
    body = assert_problem(response, 400, "invalid_input")
    assert [error["field"] for error in body["errors"]] == [field]
    assert body["errors"][0]["message"] == "Dieses Feld ist nicht erlaubt."


@pytest.mark.parametrize("target", ["ballot", "comment"])
def test_oversized_bodies(writer, urls, target):
    huge = json.dumps({"body": "x" * 3_000_000, "answers": []})
    response = writer.post(urls[target], data=huge, content_type="application/json")
    assert_problem(response, 413)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/polls/{poll}?debug=1",
        "/api/v1/comments/pages/{page}?order=oldest",
        "/api/v1/search/?q=Markt&sort=date",
        "/api/v2/pages/?colour=green",
        "/api/v2/pages/{page}/?search=x",
        "/api/v2/images/?size=large",
        "/api/v2/documents/1/?x=1",
    ],
)
def test_unknown_query_parameters_are_named(client, project, public_poll, url):
    response = client.get(url.format(poll=public_poll.pk, page=project.pk))
    body = assert_problem(response, 400, "unknown_parameter")
    assert body["errors"][0]["message"] == "Dieser Parameter ist unbekannt."


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/comments/pages/{page}?sort=loudest",
        "/api/v1/comments/pages/{page}?cursor=nicht-echt",
        "/api/v1/search/?q=Markt&page=0",
        "/api/v1/search/?q=Markt&page=99999",
        "/api/v1/search/?q=Markt&year=abc",
        "/api/v2/pages/?limit=1000",
        "/api/v2/pages/?limit=-1",
        "/api/v2/pages/?offset=x",
        "/api/v2/pages/?type=pages.Unbekannt",
        "/api/v2/pages/?fields=geheim",
        "/api/v2/pages/?order=password",
        "/api/v2/pages/?child_of=-3",
        "/api/v2/pages/{page}/?rich_text_format=pdf",
        "/api/v2/pages/?type=pages.ProjectPage&topic=a%00b",
        "/api/v2/page_preview/?content_type=pages.projectpage%00&token=x",
        "/api/v1/search/?q=%00",
    ],
)
def test_out_of_range_and_invalid_values(client, project, url):
    response = client.get(url.format(page=project.pk))
    assert_problem(response, 400)


def test_invalid_cursor_is_named(client, project):
    response = client.get(f"/api/v1/comments/pages/{project.pk}?cursor=abc")
    body = assert_problem(response, 400, "invalid_cursor")
    assert body["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v2/gibt-es-nicht/", 404),
        ("get", "/api/v1/gibt-es-nicht", 404),
        ("get", "/api/v2/pages/999999/", 404),
        ("get", "/api/v1/polls/999999", 404),
        ("delete", "/api/v1/polls/{poll}", 405),
        ("post", "/api/v1/search/", 405),
        ("post", "/api/v2/pages/", 405),
    ],
)
def test_unknown_addresses_and_methods(writer, public_poll, method, url, status):
    response = getattr(writer, method)(url.format(poll=public_poll.pk))
    assert_problem(response, status)


def test_problems_speak_english_when_asked(client, project):
    response = client.get("/api/v2/pages/?colour=green", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Unknown query parameter(s): colour."
    response = client.get("/api/v2/pages/?colour=green", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert response.json()["detail"] == "Unbekannte Abfrageparameter: colour."
