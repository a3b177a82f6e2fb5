"""Problem details: one error shape for every API failure."""

import json

import pytest
from django.test import RequestFactory
from django.utils import translation
from ninja.errors import ValidationError

from participation.refusals import Conflict, InvalidInput
from portal.api.parsers import StrictJSONParser
from web.problems import UnsupportedMediaType, problem_response, validation_problem


def test_problem_response_follows_rfc_9457():
    request = RequestFactory().post("/api/v1/polls/1/ballot")
    response = problem_response(
        request, Conflict("Sie haben bereits abgestimmt.", code="already_voted")
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body == {
        "type": "/api/problems/already-voted",
        "title": "Konflikt",
        "status": 409,
        "detail": "Sie haben bereits abgestimmt.",
        "code": "already_voted",
        "instance": "/api/v1/polls/1/ballot",
    }


def test_validation_errors_name_the_field_in_the_visitors_language():
    error = ValidationError(
        [{"type": "missing", "loc": ("body", "payload", "answers"), "msg": "Field required"}]
    )
    with translation.override("de"):
        problem = validation_problem(error)
        assert problem.errors == [
            {"field": "answers", "message": "Dieses Feld muss ausgefüllt werden."}
        ]
    with translation.override("en"):
        assert validation_problem(error).errors[0]["message"] == "This field is required."


@pytest.mark.parametrize(
    ("content_type", "body", "problem"),
    [
        ("text/plain", b"{}", UnsupportedMediaType),
        ("application/x-www-form-urlencoded", b"a=1", UnsupportedMediaType),
        ("application/json", b"{not json", InvalidInput),
        ("application/json", b"\xff\xfe", InvalidInput),
    ],
)
def test_parser_refuses_other_content_types_and_malformed_json(content_type, body, problem):
    request = RequestFactory().post("/", data=body, content_type=content_type)
    with pytest.raises(problem):
        StrictJSONParser().parse_body(request)


def test_parser_accepts_json():
    request = RequestFactory().post("/", data=b'{"a": 1}', content_type="application/json")
    assert StrictJSONParser().parse_body(request) == {"a": 1}
