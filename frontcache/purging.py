"""Which addresses a change touches, and telling both caches to forget them.

Two caches share anonymous citizen pages: the portal's own page cache
(web.page_cache, in Redis) and the front cache (Varnish, configured by
PORTAL_VARNISH_URL through Wagtail's WAGTAILFRONTENDCACHE). A change
forgets the page cache's entries at once (a Redis delete) and queues the
front cache's purge as a background task, so a slow or absent Varnish
never holds up the write.

Frequent changes (ballots, new comments) are coalesced per target: at most
one refresh per PORTAL_PURGE_COALESCE_SECONDS through a ``SET NX EX`` key,
plus a trailing refresh at the end of that window (a task that runs later),
so the last change of a burst is visible within about that time. Decisions
that hide something (moderation, unpublishing) are never coalesced.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task_backends

from web import page_cache

logger = logging.getLogger("frontcache")

# Keys under "rl:" fall back to a per-process store while Redis is away
# (portal.cache), so bursts stay coalesced per process during an outage.
COALESCE_PREFIX = "rl:frontcache:"


def front_cache_on() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_cache_on() -> bool:
    return settings.PORTAL_PAGE_CACHE_SECONDS > 0


def active() -> bool:
    return front_cache_on() or page_cache_on()


def base_url() -> str:
    """Any host does for the front cache: it forgets a path on every host."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def page_addresses(page) -> list[tuple[str, str]]:
    """(full URL, path) of every address the page answers (RoutablePage routes included)."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return []
    _site_id, root_url, page_path = parts
    root_url = root_url or base_url()
    addresses = []
    for extra in page.specific_deferred.get_cached_paths():
        path = page_path + extra.lstrip("/")
        addresses.append((root_url + path, path))
    return addresses


def listing_addresses(page) -> list[tuple[str, str]]:
    """The pages that list this one: its parent (a project list) and the start page."""
    addresses = [(base_url() + "/", "/")]
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        addresses += page_addresses(parent)
    parts = page.get_url_parts()
    if parts and parts[1]:
        addresses.append((parts[1] + "/", "/"))
    return addresses


def forget(addresses, *, queue: bool = True) -> None:
    """Both caches forget these (full URL, path) addresses."""
    addresses = sorted(set(addresses))
    if not addresses:
        return
    if page_cache_on():
        page_cache.forget_paths(path for _url, path in addresses)
    if front_cache_on():
        from frontcache import tasks

        urls = [url for url, _path in addresses]
        if queue:
            tasks.purge_urls.enqueue(urls)
        else:
            tasks.purge_urls.call(urls)


def forget_pages(pages, *, listings: bool = False) -> None:
    addresses = []
    for page in pages:
        addresses += page_addresses(page)
        if listings:
            addresses += listing_addresses(page)
    forget(addresses)


def forget_subtree(page, extra_paths=()) -> None:
    """The page and everything under it (view restrictions, a move); ``extra_paths``: old paths."""
    if page_cache_on():
        page_cache.forget_everything()
    if front_cache_on():
        from frontcache import tasks

        urls = [url for url, _path in page_addresses(page)]
        urls += [base_url() + path for path in extra_paths]
        if urls:
            tasks.ban_prefixes.enqueue(urls)
    forget(listing_addresses(page))


def refresh_soon(kind: str, ident: str | int) -> None:
    """A coalesced refresh of a target (see the module's docstring); cheap when it loses."""
    if not active():
        return
    window = settings.PORTAL_PURGE_COALESCE_SECONDS
    if window > 0 and not cache.add(f"{COALESCE_PREFIX}{kind}:{ident}", 1, timeout=window):
        return  # a refresh of this window is already queued, and its trailing one
    from frontcache import tasks

    tasks.refresh.enqueue(kind, str(ident))
    if window <= 0:
        return
    if task_backends[tasks.refresh.backend].supports_defer:
        later = timezone.now() + timedelta(seconds=window)
        tasks.refresh.using(run_after=later).enqueue(kind, str(ident))
    else:
        logger.debug("Task backend cannot defer: no trailing refresh for %s %s", kind, ident)
