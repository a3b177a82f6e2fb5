"""A versioned cache for what anonymous visitors see of a discussion.

Most readers are not signed in and see the same thread, so its rendered
pages (API JSON and the HTML list) are kept in the shared cache. Each thread
(a page's own, or a subject's: ``comments.targets.thread_key``) has a
version number; every change to its discussion (a comment, an edit,
a support, a moderation, an author renaming or deleting their account)
bumps it once the transaction has committed, and the cache keys contain it.
A cached thread is therefore never served after a change: texts, states and
counts stay exact. Visitors without an account or participant cookie
share the finished answer; everyone else sees their own supports and
comments, so for them the cache keeps only the comments everyone sees alike
(``comments.api.shared_thread``) and their own part is added per request.

For these visitors the API also keeps a snapshot of the page itself (live,
not restricted, discussion settings, participation periods), so a cached
thread is served without touching the database. Snapshots carry a global pages epoch that
any change to a page, a phase or a view restriction bumps
(``comments.signals``); a restricted page never gets a snapshot and is
always checked against the request.

``COMMENTS_THREAD_CACHE_SECONDS`` = 0 switches the cache off.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from comments.mixins import DiscussionTarget
from comments.models import Comment

VERSION_KEY = "comments:thread-version:{page_id}"
ENTRY_KEY = "comments:thread:{page_id}:{digest}"
# v2: snapshots carry the page path (which site the page belongs to);
# v3: the participation periods instead of the phases, no model label.
PAGE_KEY = "comments:page:v3:{page_id}"
PAGES_EPOCH_KEY = "comments:pages-epoch"


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


@functools.cache
def model_signature() -> str:
    """Changes with the comment model's columns: a deploy that adds or removes
    one never unpickles comments cached by the code before it."""
    columns = sorted(field.attname for field in Comment._meta.concrete_fields)
    return hashlib.sha256(repr(columns).encode()).hexdigest()[:12]


def entry_key(page_id: int, parts: tuple) -> str:
    digest = hashlib.sha256(repr((*parts, translation.get_language())).encode()).hexdigest()[:32]
    return ENTRY_KEY.format(page_id=page_id, digest=digest)


def get_or_build(
    page_id: int, parts: tuple, build, *, keep=lambda value: True, found=None, stamp=()
):
    """The cached value for ``parts`` of the page's current version, built on a miss.

    Entries carry the version they were built for (and ``stamp``, what else
    they depend on) and are read together with the current version in one
    round trip, or come in ``found`` (see ``prefetch``); an entry of another
    version or stamp is a miss. A built value is only stored if ``keep(value)``.
    """
    version_key = VERSION_KEY.format(page_id=page_id)
    key = entry_key(page_id, parts)
    if found is None:
        found = cache.get_many([version_key, key])
    current = (found.get(version_key) or version(page_id), *stamp)
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    value = build()
    if keep(value):
        cache.set(key, (current, value), timeout=settings.COMMENTS_THREAD_CACHE_SECONDS)
    return value


def prefetch(page_id: int, parts: tuple) -> dict:
    """Everything a cached API read needs, in one round trip."""
    return cache.get_many(
        [
            PAGES_EPOCH_KEY,
            PAGE_KEY.format(page_id=page_id),
            VERSION_KEY.format(page_id=page_id),
            entry_key(page_id, parts),
        ]
    )


@dataclass(frozen=True)
class PageSnapshot(DiscussionTarget):
    """A page's discussion as plain data; a target (``DiscussionTarget``) in rules and threads."""

    pk: int
    path: str
    comments_enabled: bool
    comments_follow_phases: bool
    comments_moderation: str
    comments_allow_anonymous: bool
    periods: tuple[tuple[datetime.date, datetime.date], ...] | None
    epoch: int

    def participation_periods(self):
        return self.periods

    @classmethod
    def of(cls, page: DiscussionTarget, epoch: int) -> PageSnapshot:
        periods = page.participation_periods()
        return cls(
            pk=page.pk,
            path=page.path,
            comments_enabled=page.comments_enabled,
            comments_follow_phases=page.comments_follow_phases,
            comments_moderation=page.comments_moderation,
            comments_allow_anonymous=page.comments_allow_anonymous,
            periods=None if periods is None else tuple(periods),
            epoch=epoch,
        )


def pages_epoch() -> int:
    current = cache.get(PAGES_EPOCH_KEY)
    if current is None:
        current = time.time_ns()
        if not cache.add(PAGES_EPOCH_KEY, current, timeout=None):
            current = cache.get(PAGES_EPOCH_KEY, current)
    return current


def bump_pages_epoch() -> None:
    """Any page may have changed: every snapshot is stale (now and after the commit)."""

    def bump_epoch():
        try:
            cache.incr(PAGES_EPOCH_KEY)
        except ValueError:
            cache.set(PAGES_EPOCH_KEY, time.time_ns(), timeout=None)

    bump_epoch()
    transaction.on_commit(bump_epoch)


def page_snapshot(page_id: int, found: dict, load_page):
    """The cached snapshot of a live, unrestricted page, or the page itself from ``load_page``.

    ``load_page`` runs every check (live, type, view restrictions) and raises
    like them; only pages without any view restriction are remembered.
    """
    epoch = found.get(PAGES_EPOCH_KEY) or pages_epoch()
    snapshot = found.get(PAGE_KEY.format(page_id=page_id))
    if snapshot is not None and snapshot.epoch == epoch:
        return snapshot
    page, restricted = load_page()
    if not restricted:
        cache.set(
            PAGE_KEY.format(page_id=page_id),
            PageSnapshot.of(page, epoch),
            timeout=settings.COMMENTS_THREAD_CACHE_SECONDS,
        )
    return page
