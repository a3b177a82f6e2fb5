"""A few seconds of memory for what every mail of a batch asks again.

Sending 100,000 mails about one event asks 100,000 times whether its
project is public, what its follow targets are and what the portal's
imprint is. ``remembered`` keeps such an answer for a few seconds in the
process: a project restricted meanwhile is not mentioned in mails sent
more than ``VISIBILITY_SECONDS`` later.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

VISIBILITY_SECONDS = 5
REFERENCE_SECONDS = 60
MAX_ENTRIES = 10_000

_store: dict[Hashable, tuple[object, float]] = {}


def remembered[T](key: Hashable, seconds: float, compute: Callable[[], T]) -> T:
    now = time.monotonic()
    hit = _store.get(key)
    if hit is not None and hit[1] > now:
        return hit[0]  # type: ignore[return-value]
    value = compute()
    if len(_store) >= MAX_ENTRIES:
        _store.clear()
    _store[key] = (value, now + seconds)
    return value


def forget() -> None:
    _store.clear()
