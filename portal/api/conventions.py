"""Conventions the participation API (/api/v1/) enforces for every endpoint, from its contract.

The OpenAPI document generated from the endpoints' typed signatures says
which methods and query parameters each path takes. A query parameter it
does not list is a 400 problem naming it (django-ninja would silently drop
it, and a client with a typo would never learn why its filter does nothing);
a method it does not list is a 405 problem instead of ninja's plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext as _

from participation.refusals import InvalidInput, Refusal
from portal.api.schema import build_schema
from web.problems import Problem, problem_response

API_PREFIX = "/api/v1/"


@lru_cache(maxsize=1)
def operations() -> list[tuple[re.Pattern, dict[str, frozenset[str]]]]:
    """(path pattern, {method: allowed query parameter names}) for every /api/v1/ path."""
    found = []
    for template, path_item in build_schema()["paths"].items():
        if not template.startswith(API_PREFIX):
            continue
        pattern = re.compile("^" + re.sub(r"\\{[^}/]+\\}", "[^/]+", re.escape(template)) + "$")
        methods = {
            method.upper(): frozenset(
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "query"
            )
            for method, operation in path_item.items()
        }
        found.append((pattern, methods))
    return found


def methods_for(path: str) -> dict[str, frozenset[str]] | None:
    for pattern, methods in operations():
        if pattern.match(path):
            return methods
    return None


def nul_characters(request) -> Refusal | None:
    """PostgreSQL cannot store or compare text with NUL characters; no real value has one."""
    names = sorted({name for name, value in request.GET.lists() if any("\x00" in v for v in value)})
    if not names:
        return None
    return InvalidInput(
        _("Query parameters cannot contain NUL characters."),
        errors=[{"field": name, "message": _("Invalid character.")} for name in names],
        code="invalid_character",
    )


def check(request) -> Problem | Refusal | None:
    methods = methods_for(request.path)
    if methods is None:
        return None  # not an endpoint: the URL resolver answers 404
    method = "GET" if request.method == "HEAD" else request.method
    if method == "OPTIONS":
        return None
    if method not in methods:
        return Problem(
            _("This address does not answer %(method)s requests.") % {"method": request.method},
            status=405,
            code="method_not_allowed",
            headers={"Allow": ", ".join(sorted(methods))},
        )
    unknown = sorted(set(request.GET) - methods[method])
    if unknown:
        return InvalidInput(
            _("Unknown query parameter(s): %(names)s.") % {"names": ", ".join(unknown)},
            errors=[
                {"field": name, "message": _("This parameter is not known.")} for name in unknown
            ],
            code="unknown_parameter",
        )
    return None


class ApiConventionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = None
        if request.path.startswith("/api/"):
            problem = nul_characters(request)
        if problem is None and request.path.startswith(API_PREFIX):
            problem = check(request)
        if problem is not None:
            return problem_response(request, problem)
        return self.get_response(request)
