"""Refusals and HTTP errors as RFC 9457 problem details, in the visitor's language.

Services raise ``participation.refusals.Refusal`` kinds, which know nothing
of HTTP; this module is the one place that gives each kind its status,
title and headers (``problem_for``). The HTML views turn the problem into
form messages and a status code (``web.html``), the APIs into
``application/problem+json`` responses:

    {"type": "/api/problems/already-voted", "title": "Already voted",
     "status": 409, "detail": "...", "code": "already_voted",
     "errors": [{"field": "answers.3", "message": "..."}], "instance": "/api/v1/..."}
"""

from __future__ import annotations

import json
import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError, ValidationError

from participation import refusals
from participation.refusals import Refusal

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """An answer the client can understand and act on: status, code, title, detail, errors."""

    status: int = 400
    code: str = "bad_request"
    title = gettext_lazy("Bad request")

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
        code: str | None = None,
        status: int | None = None,
        title: str | None = None,
    ):
        self.detail = str(detail) if detail is not None else str(self.title)
        self.errors = errors or []
        self.headers = headers or {}
        if code:
            self.code = code
        if status:
            self.status = status
        if title is not None:
            self.title = title
        super().__init__(self.detail)

    def as_dict(self, instance: str | None = None) -> dict:
        body = {
            "type": f"/api/problems/{self.code.replace('_', '-')}",
            "title": str(self.title),
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if self.errors:
            body["errors"] = self.errors
        if instance:
            body["instance"] = instance
        return body


class UnsupportedMediaType(Problem):
    status = 415
    code = "unsupported_media_type"
    title = gettext_lazy("Unsupported media type")


# Each kind of refusal on the wire: status and title. A kind not listed
# takes its nearest listed ancestor's (a subclass of Conflict is a 409).
STATUS_AND_TITLE: dict[type[Refusal], tuple[int, str]] = {
    refusals.Refusal: (400, gettext_lazy("Bad request")),
    refusals.InvalidInput: (400, gettext_lazy("Invalid input")),
    refusals.NotSignedIn: (401, gettext_lazy("Sign-in required")),
    refusals.Forbidden: (403, gettext_lazy("Not allowed")),
    refusals.NotFound: (404, gettext_lazy("Not found")),
    refusals.Conflict: (409, gettext_lazy("Conflict")),
    refusals.TooLarge: (413, gettext_lazy("Request too large")),
    refusals.RateLimited: (429, gettext_lazy("Too many requests")),
    refusals.Unavailable: (503, gettext_lazy("Service unavailable")),
}


def problem_for(refusal: Refusal) -> Problem:
    """The problem a refusal is on the wire: its kind's status and title, Retry-After if timed."""
    kind = next(cls for cls in type(refusal).__mro__ if cls in STATUS_AND_TITLE)
    status, title = STATUS_AND_TITLE[kind]
    problem = Problem(
        refusal.detail,
        errors=refusal.errors,
        code=refusal.code,
        status=status,
        title=refusal.title or title,
    )
    retry_after = getattr(refusal, "retry_after", None)
    if retry_after is not None:
        problem.headers["Retry-After"] = str(retry_after)
    return problem


def as_problem(error: Problem | Refusal) -> Problem:
    return error if isinstance(error, Problem) else problem_for(error)


def problem_response(request: HttpRequest, error: Problem | Refusal) -> HttpResponse:
    problem = as_problem(error)
    response = HttpResponse(
        json.dumps(problem.as_dict(instance=request.path), ensure_ascii=False),
        status=problem.status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


# Pydantic error types we can explain in the visitor's language; others
# keep pydantic's English message.
VALIDATION_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("This field is not allowed."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "string_type": gettext_lazy("Enter a text."),
    "list_type": gettext_lazy("Enter a list."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "string_too_long": gettext_lazy("The text is too long."),
    "string_too_short": gettext_lazy("The text is too short."),
    "string_pattern_mismatch": gettext_lazy("This value does not have the expected form."),
    "greater_than_equal": gettext_lazy("The value is too small."),
    "less_than_equal": gettext_lazy("The value is too large."),
    "model_attributes_type": gettext_lazy("Expected a JSON object."),
    "dict_type": gettext_lazy("Expected a JSON object."),
    "enum": gettext_lazy("This value is not one of the allowed choices."),
    "literal_error": gettext_lazy("This value is not one of the allowed choices."),
}

# ninja prefixes locations with the parameter source; clients know fields.
LOCATION_PREFIXES = {"body", "query", "path", "header", "cookie", "form"}


def validation_problem(exc: ValidationError) -> refusals.InvalidInput:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in LOCATION_PREFIXES:
            location = location[1:]
        # ninja wraps a single body parameter in its name ("payload"); drop it.
        if len(location) > 1 and location[0] == "payload":
            location = location[1:]
        message = VALIDATION_MESSAGES.get(error.get("type"), error.get("msg", ""))
        errors.append({"field": ".".join(location), "message": str(message)})
    return refusals.InvalidInput(_("Some fields are invalid."), errors=errors)


def install_problem_handlers(api) -> None:
    """Every error the API can raise becomes a problem response; none is a 500 page."""

    def handle_problem(request, exc):
        return problem_response(request, exc)

    def handle_refusal(request, exc):
        return problem_response(request, exc)

    def handle_validation(request, exc):
        return problem_response(request, validation_problem(exc))

    def handle_http_error(request, exc):
        # django-ninja wraps what the parser raises into its own 400; a Problem
        # raised there (415 for a wrong content type) keeps its own meaning.
        if isinstance(exc.__cause__, Problem | Refusal):
            return problem_response(request, exc.__cause__)
        if exc.status_code == 403 and "CSRF" in str(exc):
            problem = refusals.Forbidden(
                _("The CSRF token is missing or invalid. Reload the page and try again."),
                code="csrf_failed",
            )
        elif exc.status_code == 400 and "parse request body" in str(exc):
            problem = refusals.InvalidInput(
                _("The request body is not valid JSON."), code="malformed_json"
            )
        else:
            problem = Problem(str(exc), status=exc.status_code, code=f"http_{exc.status_code}")
        return problem_response(request, problem)

    def handle_authentication(request, exc):
        return problem_response(request, refusals.NotSignedIn(_("Please sign in first.")))

    def handle_not_found(request, exc):
        return problem_response(request, refusals.NotFound(_("There is nothing at this address.")))

    def handle_permission_denied(request, exc):
        return problem_response(request, refusals.Forbidden(_("You are not allowed to do this.")))

    def handle_too_big(request, exc):
        return problem_response(
            request,
            refusals.TooLarge(_("The request body is larger than the server accepts.")),
        )

    def hand_to_django(request, exc):
        # Unexpected errors go on to Django's handler500 (portal.server_errors),
        # as on every other API: logged once, answered as a problem (503 while
        # the database is away), never as ninja's plain-text traceback.
        raise exc

    api.add_exception_handler(Exception, hand_to_django)
    api.add_exception_handler(Problem, handle_problem)
    api.add_exception_handler(Refusal, handle_refusal)
    api.add_exception_handler(ValidationError, handle_validation)
    api.add_exception_handler(AuthenticationError, handle_authentication)
    api.add_exception_handler(HttpError, handle_http_error)
    api.add_exception_handler(Http404, handle_not_found)
    api.add_exception_handler(PermissionDenied, handle_permission_denied)
    api.add_exception_handler(RequestDataTooBig, handle_too_big)
