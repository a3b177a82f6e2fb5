"""Rate limits shared by the HTML views and the API, kept in Django's cache.

The cache is Redis in production, so a limit holds across all processes;
django-ratelimit does the counting (its cache keys are hashed, so no raw
address or account id ends up in the cache). Rates are configured in
``PORTAL_RATE_LIMITS`` as ``"count/period"`` (``"1/10s"``, ``"50/d"``).

When Redis is unreachable (the cache's circuit breaker is open, see
portal/cache.py): a limited read (``reading=True``, e.g. the data export) is not counted
(fails open); a write is counted in a per-process memory store with the same
rate (the cache backend keeps the ``rl:`` keys there while Redis is away), so
one client cannot flood a process. allauth's login limits take the same path.
"""

from django.conf import settings
from django.core.cache import caches
from django_ratelimit.core import get_usage

from participation.refusals import RateLimited


def rate_for(scope: str) -> str:
    return settings.PORTAL_RATE_LIMITS[scope]


def store_available() -> bool:
    """False while the rate-limit cache is known to be unreachable."""
    breaker = getattr(caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")], "breaker", None)
    return breaker is None or breaker.is_closed


def hit(scope: str, key: str, *, reading: bool = False) -> None:
    """Counts one action of ``key`` in ``scope``; raises RateLimited once over the limit.

    ``reading``: the action only reads, so it goes uncounted while the store is away.
    """
    if reading and not store_available():
        return
    usage = get_usage(
        None,
        group=f"portal:{scope}",
        key=lambda _group, _request: key,
        rate=rate_for(scope),
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        raise RateLimited(retry_after=usage["time_left"])
