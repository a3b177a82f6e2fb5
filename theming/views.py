"""The theme stylesheet and web app manifest of a site, at addresses that name their version."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.models import Site

from theming import theme

IMMUTABLE = "public, max-age=31536000, immutable"
# An address of an older version (a page cached before the change): the current
# content, kept only briefly.
STALE = "public, max-age=300"


def _site(site_id: int) -> Site:
    return get_object_or_404(Site, pk=site_id)


def _cache_control(response, current: bool):
    response["Cache-Control"] = IMMUTABLE if current else STALE
    return response


@require_safe
def stylesheet(request, site_id: int, version: str):
    current = theme.theme_for_site(_site(site_id))
    response = HttpResponse(current["css"], content_type="text/css; charset=utf-8")
    return _cache_control(response, version == current["version"])


@require_safe
def manifest(request, site_id: int, version: str):
    site = _site(site_id)
    current = theme.theme_for_site(site)
    if current["manifest_url"] is None:
        raise Http404
    response = JsonResponse(
        theme.manifest(site),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    return _cache_control(response, version == current["version"])
