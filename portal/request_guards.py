"""Bad input refused at the edge, once, before any view or library parses it.

Views, ninja, Wagtail's API, DRF and allauth each parse requests their own
way, and each had its own way to fail on input no client sends by accident
(a 500 from ``RawPostDataException``, ``RecursionError``, Python's
int-digit limit, PostgreSQL's ``bigint out of range``, SQLite's
``OperationalError`` on control characters). This middleware refuses such
input for all of them:

- Query strings: invalid UTF-8 (which Django would silently turn into
  U+FFFD), control characters (NUL included), and integers outside the
  64-bit range that every database column and Python's ORM lookups take.
- Path parameters: integers (Django's ``int`` converter) outside that range.
- JSON endpoints (``/api/v1/`` writes, allauth's headless ``/_allauth/``): a
  body that is not ``application/json`` is a 415; the JSON must be valid
  UTF-8, at most ``MAX_JSON_DEPTH`` levels deep, its integers within the
  64-bit range, its other numbers short and finite, and its strings free of
  lone surrogates (which no database can store). NUL inside JSON text is left
  to the field validation, which names the field in the endpoint's own terms.
- HTML form bodies (``application/x-www-form-urlencoded``): invalid UTF-8.
  NUL in a form field is the form's business: Django's ``CharField`` refuses
  it next to the field (``ProhibitNullCharactersValidator``).

API paths get an ``application/problem+json`` body naming the parameter or
field; HTML pages a German page naming it.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qsl

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from participation.refusals import InvalidInput, Refusal, TooLarge
from portal.api import conventions
from web.problems import Problem, UnsupportedMediaType, as_problem
from web.problems import problem_response as api_problem_response
from web.requests import MAX_INTEGER

MAX_JSON_DEPTH = 32
# Every integer column (PostgreSQL bigint, SQLite INTEGER) holds this much.
# Longer decimals than this are no measurement anyone sends.
MAX_NUMBER_LENGTH = 40
# Free-text parameters: a long number there is something to search for, not an id.
FREE_TEXT_PARAMETERS = frozenset({"q", "search"})

API_PREFIXES = ("/api/", "/_allauth/")
JSON_CONTENT_TYPE = "application/json"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
INTEGER = re.compile(r"[+-]?\d+")
LONG_DIGITS = re.compile(r"\d{19,}")


class InputRefused(Exception):
    def __init__(self, refusal: Problem | Refusal):
        super().__init__(refusal.detail)
        self.problem = as_problem(refusal)


def refused(detail: str, field: str, message: str, code: str = "invalid_input") -> InputRefused:
    return InputRefused(
        InvalidInput(detail, errors=[{"field": field, "message": message}], code=code)
    )


def out_of_range(value: str) -> bool:
    if INTEGER.fullmatch(value) is None:
        return False
    # Counted before int(), which refuses more than 4,300 digits with a ValueError.
    digits = value.lstrip("+-").lstrip("0")
    return len(digits) > len(str(MAX_INTEGER)) or int(digits or "0") > MAX_INTEGER


def raw_bytes(text: str) -> bytes:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:  # not from a WSGI server: already decoded text
        return text.encode("utf-8", errors="surrogatepass")


def check_pairs(pairs: list[tuple[str, str]], *, query: bool) -> None:
    """Name/value pairs decoded as Latin-1, so that each byte is still there to check."""
    for raw_name, raw_value in pairs:
        name = raw_bytes(raw_name).decode("utf-8", errors="replace")
        try:
            value = raw_bytes(raw_value).decode("utf-8")
            raw_bytes(raw_name).decode("utf-8")
        except UnicodeDecodeError:
            raise refused(
                _("The parameter '%(name)s' is not valid UTF-8 text.") % {"name": name},
                name,
                _("Invalid characters (not UTF-8)."),
                code="invalid_encoding",
            ) from None
        if query and CONTROL_CHARACTERS.search(name + value):
            raise refused(
                _("The parameter '%(name)s' contains control characters.") % {"name": name},
                name,
                _("Invalid character."),
                code="invalid_character",
            )
        if query and name not in FREE_TEXT_PARAMETERS and out_of_range(value.strip()):
            raise refused(
                _("The number in '%(name)s' is too large.") % {"name": name},
                name,
                _("The value is too large."),
                code="number_out_of_range",
            )


def check_query_string(request) -> None:
    query_string = request.META.get("QUERY_STRING", "")
    if not query_string:
        return
    pairs = parse_qsl(query_string, keep_blank_values=True, encoding="latin-1")
    check_pairs(pairs, query=True)


def check_path_numbers(request) -> None:
    if not LONG_DIGITS.search(request.path_info):
        return
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    for name, value in match.kwargs.items():
        # ninja's routes take path parameters as text and convert them later.
        if (isinstance(value, str) and out_of_range(value)) or (
            isinstance(value, int) and abs(value) > MAX_INTEGER
        ):
            raise refused(
                _("The number in the address (%(name)s) is too large.") % {"name": name},
                name,
                _("The value is too large."),
                code="number_out_of_range",
            )


def is_json_endpoint(request) -> bool:
    if request.method not in WRITE_METHODS:
        return False
    if request.path.startswith("/_allauth/"):
        return True
    if request.path.startswith(conventions.API_PREFIX):
        # An undocumented method is the conventions' 405, whatever the body.
        methods = conventions.methods_for(request.path)
        return methods is not None and request.method in methods
    return False


def has_body(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length > 0 or "HTTP_TRANSFER_ENCODING" in request.META


class NumberRefused(ValueError):
    pass


def checked_int(text: str) -> int:
    if out_of_range(text):
        raise NumberRefused(text)
    return int(text)


def checked_float(text: str) -> float:
    if len(text) > MAX_NUMBER_LENGTH:
        raise NumberRefused(text)
    value = float(text)
    if not math.isfinite(value):
        raise NumberRefused(text)
    return value


def refuse_constant(text: str):
    raise NumberRefused(text)


def walk(data, limit: int):
    """(path, string) for every key and string value; raises ValueError past ``limit`` levels."""
    stack = [((), data, 1)]
    while stack:
        path, item, depth = stack.pop()
        if depth > limit:
            raise ValueError(".".join(path))
        if isinstance(item, dict):
            for key, value in item.items():
                yield path, key
                stack.append(((*path, key), value, depth + 1))
        elif isinstance(item, list):
            for index, value in enumerate(item):
                stack.append(((*path, str(index)), value, depth + 1))
        elif isinstance(item, str):
            yield path, item


def check_json_body(request) -> None:
    content_type = request.content_type or ""
    if content_type != JSON_CONTENT_TYPE:
        raise InputRefused(
            UnsupportedMediaType(
                _("Send the request body as application/json (got %(type)s).")
                % {"type": content_type or _("no content type")}
            )
        )
    body = read_body(request)
    malformed = InvalidInput(_("The request body is not valid JSON."), code="malformed_json")
    try:
        data = json.loads(
            body,
            parse_int=checked_int,
            parse_float=checked_float,
            parse_constant=refuse_constant,
        )
    except NumberRefused:
        raise InputRefused(
            InvalidInput(
                _("The request body contains a number that is too large or too long."),
                code="number_out_of_range",
            )
        ) from None
    except RecursionError:
        raise nested_too_deep() from None
    except (UnicodeDecodeError, ValueError):
        raise InputRefused(malformed) from None
    try:
        for path, text in walk(data, MAX_JSON_DEPTH):
            if LONE_SURROGATE.search(text):
                field = ".".join(path) or "body"
                raise refused(
                    _("The field '%(name)s' contains invalid characters (lone surrogates).")
                    % {"name": field},
                    field,
                    _("Invalid character."),
                    code="invalid_character",
                )
    except ValueError:
        raise nested_too_deep() from None


def nested_too_deep() -> InputRefused:
    return InputRefused(
        InvalidInput(
            _("The request body is nested more than %(depth)d levels deep.")
            % {"depth": MAX_JSON_DEPTH},
            code="too_deep",
        )
    )


def read_body(request) -> bytes:
    try:
        return request.body
    except RequestDataTooBig:
        raise InputRefused(
            TooLarge(_("The request body is larger than the server accepts."))
        ) from None


def check_form_body(request) -> None:
    if request.method not in WRITE_METHODS or request.content_type != FORM_CONTENT_TYPE:
        return
    body = read_body(request)
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    check_pairs(parse_qsl(text, keep_blank_values=True, encoding="latin-1"), query=False)


def check(request) -> None:
    check_query_string(request)
    check_path_numbers(request)
    if is_json_endpoint(request):
        if has_body(request):
            check_json_body(request)
    elif not request.path.startswith(API_PREFIXES):
        check_form_body(request)


def html_problem_response(request, problem: Problem):
    return render(request, "400.html", {"problem": problem}, status=problem.status)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            check(request)
        except InputRefused as refusal:
            if request.path.startswith(API_PREFIXES):
                return api_problem_response(request, refusal.problem)
            return html_problem_response(request, refusal.problem)
        return self.get_response(request)
