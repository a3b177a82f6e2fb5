"""Wagtail's HTTP purger for Varnish, made safe for writes.

Wagtail's ``HTTPBackend`` waits without a timeout and lets some network
errors through; a purge must never hang or break the write behind it. And
a page with everything under it (a moved subtree, changed view
restrictions) is one BAN instead of a PURGE per page (deploy/varnish/default.vcl).
"""

from __future__ import annotations

import logging
import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("frontcache")

# Characters with a meaning in a regular expression (a page path has none of them
# unless a custom route adds one).
_REGEX_SPECIAL = re.compile(r"([.^$*+?()\[\]{}|\\])")


class _MethodRequest(Request):
    def __init__(self, method, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._method = method

    def get_method(self):
        return self._method


class VarnishBackend(HTTPBackend):
    """PURGE for a path (every cached variant of it), BAN for a path and all below it."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url) -> None:
        self._send("PURGE", url)

    def ban_prefix(self, url) -> None:
        path = urlsplit(iri_to_uri(url)).path
        self._send("BAN", url, {"X-Ban-Path-Prefix": _REGEX_SPECIAL.sub(r"\\\1", path)})

    def _send(self, method: str, url: str, headers: dict | None = None) -> None:
        parsed = urlsplit(iri_to_uri(url))
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        target = urlunsplit((self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""))
        request = _MethodRequest(
            method,
            url=target,
            headers={"Host": host, "User-Agent": "portal-frontcache", **(headers or {})},
        )
        try:
            # The scheme comes from the configured LOCATION, never from a request.
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except HTTPError as error:
            logger.error("%s %s refused by the front cache: %s", method, url, error.code)
        except (URLError, OSError, ValueError) as error:
            # Never break the write that asked for the purge: the page's TTL is the fallback.
            logger.error("%s %s did not reach the front cache: %s", method, url, error)
