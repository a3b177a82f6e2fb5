"""A circuit breaker for searches: a dead backend costs one timeout, not one per request.

After the backend failed to answer, searches in this process answer
``SearchUnavailable`` at once for PORTAL_SEARCH_BREAKER_SECONDS, then one
request tries again. Only reads go through it; updates wait in the outbox
with their own back-off.
"""

import threading
import time

from django.conf import settings

from search.backends.base import SearchUnavailable

DEFAULT_SECONDS = 10

_lock = threading.Lock()
_open_until = 0.0


def cooldown() -> float:
    return float(getattr(settings, "PORTAL_SEARCH_BREAKER_SECONDS", DEFAULT_SECONDS))


def guarded(call, *args, **kwargs):
    global _open_until
    if time.monotonic() < _open_until:
        raise SearchUnavailable("The search backend failed moments ago; not asked again yet.")
    try:
        return call(*args, **kwargs)
    except SearchUnavailable:
        with _lock:
            _open_until = time.monotonic() + cooldown()
        raise


def reset() -> None:
    global _open_until
    with _lock:
        _open_until = 0.0
