"""Rate limits shared by the HTML views and the API, kept in Django's cache.

The cache is Redis in production, so a limit holds across all processes;
django-ratelimit does the counting (its cache keys are hashed, so no raw
address or account id ends up in the cache). Rates are configured in
``PORTAL_RATE_LIMITS`` as ``"count/period"`` (``"1/10s"``, ``"50/d"``).
"""

from django.conf import settings
from django_ratelimit.core import get_usage

from portal.api.problems import RateLimited


def rate_for(scope: str) -> str:
    return settings.PORTAL_RATE_LIMITS[scope]


def hit(request, scope: str, key: str) -> None:
    """Counts one action of ``key`` in ``scope``; raises RateLimited once over the limit."""
    usage = get_usage(
        request,
        group=f"portal:{scope}",
        key=lambda _group, _request: key,
        rate=rate_for(scope),
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        raise RateLimited(retry_after=usage["time_left"])
