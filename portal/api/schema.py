"""One OpenAPI 3 document for the whole headless API, at /api/schema/, and its docs page.

The participation endpoints' part (/api/v1/) comes from django-ninja, which
generates it from the typed schemas; the Wagtail v2 endpoints are described
by hand (portal/api/v2/openapi.py); citizen accounts are allauth's headless
endpoints, which have their own document at /_allauth/openapi.json (linked,
not copied, so it always matches the installed allauth).

Every error is ``application/problem+json`` with one schema, ``Problem``.
``tests/api/openapi.snapshot.json`` holds the committed contract; update it
with ``make openapi-snapshot`` after a deliberate change.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from participation.refusals import NotFound
from portal.api.main import api
from portal.api.v2.openapi import v2_components, v2_paths
from web.problems import problem_response
from web.requests import MAX_INTEGER

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem. ``code`` is stable for programs; ``detail`` and "
    "the messages are in the language asked for with Accept-Language (de or en).",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
        "instance": {"type": "string"},
    },
}

SECURITY_SCHEMES = {
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": "A browser session from allauth's browser endpoints "
        "(/_allauth/browser/v1/auth/login). Writes also need the X-CSRFToken header "
        "with the csrftoken cookie's value.",
    },
    "appSessionToken": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Session-Token",
        "description": "An app's session token from allauth's app endpoints "
        "(/_allauth/app/v1/auth/login); no CSRF token needed.",
    },
}

DESCRIPTION = """\
Everything a citizen does on the portal, for a city's own front end or app.

* **Pages, images, documents** (`/api/v2/`): Wagtail's API v2. Rich text is HTML with
  real links; images are renditions with alt text; projects come with phases, status,
  department, topics, district, comment count and their polls.
* **Participation** (`/api/v1/`): polls, comments, proposals and search.
* **Accounts**: django-allauth's headless API under `/_allauth/browser/v1/` (session
  cookie + CSRF) and `/_allauth/app/v1/` (X-Session-Token). Its own OpenAPI document:
  [/_allauth/openapi.json](/_allauth/openapi.json).

Conventions: JSON bodies only (`Content-Type: application/json`, otherwise 415); unknown
fields and unknown query parameters are 400; every error is `application/problem+json`
(RFC 9457) in German or English by `Accept-Language`; timestamps are ISO 8601 with a time
zone; streams page with an opaque `cursor` (`next_cursor` in the answer). Public GET
answers carry `ETag` and `Cache-Control: public, max-age=60` and answer `If-None-Match`
with 304; personalised answers are `Cache-Control: private, no-store`.
"""


def problem_responses(operation: dict) -> None:
    """Every 4xx answer of an operation is documented as a problem+json body."""
    for status, response in operation.get("responses", {}).items():
        if str(status).startswith("4"):
            response["content"] = {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }


def bounded_integers(operation: dict) -> None:
    """Integer parameters end where the database's do (portal/request_guards.py refuses more)."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if schema.get("type") == "integer":
            schema.setdefault("format", "int64")
            schema.setdefault("minimum", -MAX_INTEGER)
            schema.setdefault("maximum", MAX_INTEGER)


def ninja_part() -> dict:
    schema = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), default=str))
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            problem_responses(operation)
            bounded_integers(operation)
            # Every participation endpoint may answer 400 for unknown query parameters.
            operation["responses"].setdefault(
                "400",
                {
                    "description": "Bad request",
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                },
            )
    return schema


@lru_cache(maxsize=1)
def _build() -> str:
    schema = ninja_part()
    schema["info"] = {
        "title": "Beteiligungsportal API",
        "version": "1",
        "description": DESCRIPTION,
    }
    schema["externalDocs"] = {
        "description": "Citizen accounts (django-allauth headless)",
        "url": "/_allauth/openapi.json",
    }
    schema["paths"] = {**v2_paths(), **schema.get("paths", {})}
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update({"Problem": PROBLEM_SCHEMA, **v2_components()})
    components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
    schema["tags"] = [
        {"name": "pages", "description": "Wagtail pages (API v2)"},
        {"name": "images", "description": "Images with renditions (API v2)"},
        {"name": "documents", "description": "Documents (API v2)"},
        {"name": "polls", "description": "Read polls, vote, change a ballot"},
        {"name": "comments", "description": "Read and write the discussion of a project"},
        {"name": "proposals", "description": "Idea collections: read, submit, support proposals"},
        {"name": "search", "description": "Search pages, polls and contributions"},
    ]
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True)


def build_schema() -> dict:
    """The whole API's OpenAPI document (a fresh copy)."""
    return copy.deepcopy(json.loads(_build()))


def schema_json() -> str:
    return _build()


@require_safe
def schema_view(request):
    return HttpResponse(_build(), content_type="application/json; charset=utf-8")


# Swagger UI (django-ninja's copy, served from our static files) sets inline
# styles on its elements; its scripts are files.
DOCS_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


@require_safe
@csp_override(DOCS_CSP)
def docs_view(request):
    settings_json = json.dumps({"url": "/api/schema/", "layout": "BaseLayout", "deepLinking": True})
    return render(request, "api/docs.html", {"swagger_settings": settings_json})


@require_safe
def allauth_schema_view(request):
    """allauth's own document; its view fails on our lazily translated form labels."""
    from allauth.headless.spec.internal.schema import get_schema

    return HttpResponse(
        json.dumps(get_schema(), default=str), content_type="application/vnd.oai.openapi+json"
    )


def api_not_found(request, *args, **kwargs):
    return problem_response(
        request, NotFound(_("There is nothing at this address."), code="no_endpoint")
    )
