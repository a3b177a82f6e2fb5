"""The portal's own page cache: whole citizen pages for anonymous visitors, from Redis.

The same contract as the front cache (deploy/varnish/default.vcl): a
response is stored only when the portal marked it shareable
(``Cache-Control: public``, no Set-Cookie, no CSRF token handed out) for a
GET without a personal cookie, and it is served only to such requests. The
key is the host, the path, the query string and the language cookie (the
only cookie that changes a citizen page, portal.middleware.PortalLocaleMiddleware).

Invalidation is by version: every path has a version key and the whole
cache a generation key; an entry carries the versions read before the view
ran and is served only while they are still current. ``forget_paths`` and
``forget_everything`` delete those keys, so the next visitor draws new
versions and nothing stored before can match (a delete that Redis missed
during an outage is replayed by portal.cache). A hit costs one cache round
trip (the versions and the entry in one MGET) and no query.

Each process keeps the entries it served last (``LOCAL_ENTRIES``, by key,
with the versions they were stored under). When it holds the entry asked
for, the round trip reads only the two version keys, not the page: a
large page (the project page, ~40 kB) then costs no more than a small one,
and Redis sends a few bytes instead of the page. The local copy is served
only while the versions read from Redis are still its own and its time has
not run out, so a purge reaches every process at once, as before.

Redis errors are misses (portal.cache): pages are then rendered as usual.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_max_age
from django.utils.regex_helper import _lazy_re_compile
from wagtail.urls import serve_pattern

from web.shared_pages import personal_cookies

GENERATION_KEY = "pagecache:generation"
VERSION_PREFIX = "pagecache:path:"
ENTRY_PREFIX = "pagecache:entry:"
HEADER = "X-Page-Cache"
# Entries each process keeps (the pages it served last; about 40 kB each at most).
LOCAL_ENTRIES = 256
# Never pages for everyone: the API caches itself (portal/api/caching.py), the rest is personal.
SKIPPED_PREFIXES = (
    "/api/",
    "/_allauth/",
    "/accounts/",
    "/static/",
    "/media/",
    "/documents/",
    "/i18n/",
)
_s_maxage = _lazy_re_compile(r"(?:^|,)\s*s-maxage\s*=\s*(\d+)", flags=0)
_s_maxage_value = _lazy_re_compile(r"s-maxage=\d+", flags=0)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def version_key(path: str) -> str:
    return VERSION_PREFIX + _digest(path)


def forget_paths(paths) -> None:
    """Invalidates every stored variant (host, query, language) of these paths."""
    keys = [version_key(path) for path in set(paths)]
    if keys:
        cache.delete_many(keys)


def forget_everything() -> None:
    """Invalidates the whole page cache (a moved subtree, changed view restrictions)."""
    cache.delete(GENERATION_KEY)


@functools.lru_cache(maxsize=4096)
def served_by_page_tree(path: str) -> bool:
    """Whether Wagtail's page tree answers ``path``: only its pages are ever shared.

    Everything else (``/robots.txt``, the search page, the feeds) is never
    stored, so looking it up would only cost a cache round trip.
    """
    try:
        return resolve(path).route == serve_pattern
    except Resolver404:
        return False


def is_candidate(request) -> bool:
    """A request that may be answered from, or stored in, the shared page cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path.startswith(SKIPPED_PREFIXES) or path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX):
        return False
    if not served_by_page_tree(request.path_info):
        return False
    cookies = request.COOKIES
    if any(name in cookies for name in personal_cookies()):
        return False
    meta = request.META
    return "HTTP_AUTHORIZATION" not in meta and "HTTP_X_SESSION_TOKEN" not in meta


def language_of(request) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


def shareable_seconds(request, response) -> int:
    """How long this response may be shared (0: not at all)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a CSRF token went into the page
        return 0
    if not response.get("Content-Type", "").startswith("text/html"):
        return 0
    control = response.get("Cache-Control", "").lower()
    directives = {part.strip().split("=")[0] for part in control.split(",")}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return 0
    if "*" in response.get("Vary", ""):
        return 0
    shared = _s_maxage.search(control)
    seconds = int(shared.group(1)) if shared else (get_max_age(response) or 0)
    return max(0, min(seconds, settings.PORTAL_PAGE_CACHE_SECONDS))


def _new_version(key: str) -> str:
    """A fresh version for a key that is missing (first visit since a purge or a flush)."""
    version = secrets.token_hex(8)
    if not cache.add(key, version, timeout=None):
        version = cache.get(key) or version  # another request drew one first
    return version


def _frozen(response) -> tuple:
    return (response.status_code, list(response.items()), response.content)


def _thawed(frozen, head: bool) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(b"" if head else content, status=status)
    for name, value in headers:
        response[name] = value
    if head:
        response["Content-Length"] = str(len(content))
    return response


class LocalEntries:
    """The entries this process served last, least recently used dropped first (thread-safe)."""

    def __init__(self, size: int = LOCAL_ENTRIES):
        self.size = size
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self.lock:
            self.entries.pop(key, None)


def _current(stored, generation, version) -> bool:
    return (
        stored is not None
        and generation is not None
        and stored[:2] == (generation, version)
        and int(stored[3] - time.time()) > 0
    )


class PageCacheMiddleware:
    """Serves and stores shareable citizen pages (README, "Front cache (Varnish)")."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalEntries()

    def _hit(self, request, stored) -> HttpResponse:
        remaining = int(stored[3] - time.time())
        response = _thawed(stored[2], head=request.method == "HEAD")
        # The copy is older than its first answer: a cache behind us (Varnish) may
        # keep it only for what is left (never past a poll's closing).
        response["Cache-Control"] = _s_maxage_value.sub(
            f"s-maxage={remaining}", response["Cache-Control"]
        )
        response[HEADER] = "HIT"
        return response

    def __call__(self, request):
        if settings.PORTAL_PAGE_CACHE_SECONDS <= 0 or not is_candidate(request):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django's own answer, further down
        query = request.META.get("QUERY_STRING", "")
        variant = _digest(f"{host}\n{request.path}\n{query}\n{language_of(request)}")
        path_key, entry_key = version_key(request.path), ENTRY_PREFIX + variant
        # One round trip either way: the versions, and the entry unless this process has it.
        local = self.local.get(entry_key)
        keys = [GENERATION_KEY, path_key] if local else [GENERATION_KEY, path_key, entry_key]
        found = cache.get_many(keys)
        generation, version = found.get(GENERATION_KEY), found.get(path_key)
        if _current(local, generation, version):
            return self._hit(request, local)
        if local is not None:
            self.local.drop(entry_key)
            if generation is not None and version is not None:
                found[entry_key] = cache.get(entry_key)  # stored anew by another process?
        stored = found.get(entry_key)
        if _current(stored, generation, version):
            self.local.put(entry_key, stored)
            return self._hit(request, stored)
        generation = generation or _new_version(GENERATION_KEY)
        version = version or _new_version(path_key)
        response = self.get_response(request)
        if request.method == "GET":
            seconds = shareable_seconds(request, response)
            if seconds:
                expires = time.time() + seconds
                entry = (generation, version, _frozen(response), expires)
                cache.set(entry_key, entry, timeout=seconds)
                self.local.put(entry_key, entry)
                response[HEADER] = "MISS"
        return response
