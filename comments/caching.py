"""A versioned cache for what anonymous visitors see of a discussion.

Most readers are not signed in and see the same thread, so its rendered
pages (API JSON and the HTML list) are kept in the shared cache. Each page
has a version number; every change to its discussion (a comment, an edit,
a support, a moderation, an author renaming or deleting their account)
bumps it once the transaction has committed, and the cache keys contain it.
A cached thread is therefore never served after a change: texts, states and
counts stay exact. Only visitors without an account or participant cookie
use the cache, since everyone else sees their own supports and comments.

``COMMENTS_THREAD_CACHE_SECONDS`` = 0 switches the cache off.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

VERSION_KEY = "comments:thread-version:{page_id}"
ENTRY_KEY = "comments:thread:{page_id}:{digest}"


def enabled() -> bool:
    return getattr(settings, "COMMENTS_THREAD_CACHE_SECONDS", 0) > 0


def applies_to(participant) -> bool:
    """Only visitors who see nothing of their own share the cached thread."""
    return enabled() and not participant.is_authenticated and participant.key is None


def version(page_id: int) -> int:
    key = VERSION_KEY.format(page_id=page_id)
    current = cache.get(key)
    if current is None:
        # A fresh, never reused number: entries of an evicted version stay unreachable.
        current = time.time_ns()
        if not cache.add(key, current, timeout=None):
            current = cache.get(key, current)
    return current


def bump(page_id: int) -> None:
    key = VERSION_KEY.format(page_id=page_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), timeout=None)


def bump_on_commit(*page_ids) -> None:
    """Invalidates the pages' cached threads once the current transaction has committed."""
    for page_id in set(page_ids):
        transaction.on_commit(lambda page_id=page_id: bump(page_id))


def get_or_build(page_id: int, parts: tuple, build, keep=lambda value: True):
    """The cached value for ``parts`` of the page's current version, built on a miss.

    Entries carry the version they were built for and are read together with
    the current version in one round trip; an entry of another version is a
    miss. A built value is only stored if ``keep(value)``.
    """
    digest = hashlib.sha256(repr((*parts, translation.get_language())).encode()).hexdigest()[:32]
    version_key = VERSION_KEY.format(page_id=page_id)
    entry_key = ENTRY_KEY.format(page_id=page_id, digest=digest)
    found = cache.get_many([version_key, entry_key])
    current = found.get(version_key) or version(page_id)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == current:
        return entry[1]
    value = build()
    if keep(value):
        cache.set(entry_key, (current, value), timeout=settings.COMMENTS_THREAD_CACHE_SECONDS)
    return value
