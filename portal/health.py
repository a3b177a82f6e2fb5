"""Liveness (``/healthz/``) and readiness (``/readyz/``) for load balancers and probes.

Liveness answers whether this process can answer at all: no database, no
Redis, so an outage of a dependency never gets healthy processes restarted.
Readiness runs the checks in ``PORTAL_READINESS_CHECKS`` (name -> dotted path
of a callable returning ``{"status": "ok" | "degraded" | "down", ...}``) and
answers 503 only when a check in ``PORTAL_READINESS_CRITICAL`` is down (the
portal cannot serve); anything else failing is "degraded" with 200. A check
that cannot be imported or raises is "down" for its own name only.

Both are answered by a middleware at the very top, before the host and HTTPS
rules: probes call the pod's address over plain HTTP.
"""

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string

logger = logging.getLogger("portal.health")

LIVENESS_PATH = "/healthz/"
READINESS_PATH = "/readyz/"
STATES = ("ok", "degraded", "down")


def run_check(name: str, dotted_path: str) -> dict:
    try:
        check = import_string(dotted_path)
    except ImportError:
        return {"status": "down", "error": "check not installed", "check": dotted_path}
    try:
        result = dict(check())
    except Exception as error:  # a failing dependency is a state, not a 500
        logger.warning("Readiness check %s failed: %s", name, type(error).__name__)
        return {"status": "down", "error": type(error).__name__}
    if result.get("status") not in STATES:
        result["status"] = "down"
    return result


def readiness() -> tuple[str, dict]:
    checks = {
        name: run_check(name, dotted_path)
        for name, dotted_path in settings.PORTAL_READINESS_CHECKS.items()
    }
    critical = set(settings.PORTAL_READINESS_CRITICAL)
    if any(checks[name]["status"] == "down" for name in critical if name in checks):
        status = "down"
    elif any(check["status"] != "ok" for check in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return status, checks


def liveness_response() -> HttpResponse:
    response = HttpResponse("ok", content_type="text/plain")
    add_never_cache_headers(response)
    return response


def readiness_response() -> JsonResponse:
    status, checks = readiness()
    response = JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "down" else 200
    )
    if status == "down":
        response["Retry-After"] = "10"
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers the probes before any other middleware (host rules, HTTPS redirect, sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path == LIVENESS_PATH:
                return liveness_response()
            if request.path == READINESS_PATH:
                return readiness_response()
        return self.get_response(request)
