"""HTTP caching for the API's public reads: ETag, Cache-Control, 304 answers.

A GET answer that is the same for every anonymous visitor (a page, a poll
for someone without a ballot, a discussion, search results) may be kept by
browsers and shared caches for ``PORTAL_API_CACHE_MAX_AGE`` seconds and is
revalidated with its ETag (a hash of the body); ``If-None-Match`` with the
current ETag gets ``304 Not Modified`` without the body.

A personalised answer is never cached anywhere: one for a signed-in citizen
(session or app token), for a browser holding the participant cookie (it may
show the visitor's own ballot or pending comment) or one that hands out that
cookie. Those get ``Cache-Control: private, no-store`` and no ETag.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from portal.api.app_tokens import TOKEN_HEADER, TOKEN_META_KEY
from web.participants import ANONYMOUS_COOKIE

CACHEABLE_PREFIXES = ("/api/v1/", "/api/v2/", "/api/schema/")
# Drafts shown to an editor's preview token are never public.
NEVER_CACHED_PREFIXES = ("/api/v2/page_preview/",)
PERSONAL = "private, no-store"


def is_personalised(request, response) -> bool:
    if (
        ANONYMOUS_COOKIE in request.COOKIES
        or ANONYMOUS_COOKIE in response.cookies
        or request.META.get(TOKEN_META_KEY)
    ):
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def body_etag(response) -> str:
    return f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'


def applies(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and request.path.startswith(CACHEABLE_PREFIXES)
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not response.streaming
    )


class PublicApiCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CACHEABLE_PREFIXES):
            return response
        if not applies(request, response):
            if not response.has_header("Cache-Control"):
                # Errors and writes: nothing to keep.
                response["Cache-Control"] = "no-store"
            return response
        # The answer depends on these request headers; a shared cache must key on them.
        patch_vary_headers(response, ("Accept-Language", "Cookie", TOKEN_HEADER))
        if is_personalised(request, response):
            response["Cache-Control"] = PERSONAL
            return response
        response["ETag"] = body_etag(response)
        response["Cache-Control"] = f"public, max-age={settings.PORTAL_API_CACHE_MAX_AGE}"
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
