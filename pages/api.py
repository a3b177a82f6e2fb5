"""How pages, images and documents appear in the headless API (/api/v2/).

Shared by the StreamField blocks' ``get_api_representation`` and the page
fields in ``pages.api_fields``: one shape for an image wherever it
appears (renditions with alt text), one for a document, one for a link.
Nothing here imports Django REST framework, so blocks stay light.
"""

from __future__ import annotations

import re

from django.conf import settings

# href="/..." or src="/..." (not protocol-relative "//host/...").
ROOT_RELATIVE = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')


def absolute(request, url: str | None) -> str | None:
    """A URL a front end on another host can use (on WAGTAILAPI_BASE_URL, not the request's host).

    Answers must not depend on the Host header: they are cached and shared.
    """
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


def absolute_links(html: str) -> str:
    """Rich text's links to portal pages and documents, made absolute for other hosts."""
    return ROOT_RELATIVE.sub(lambda match: f'{match[1]}="{absolute(None, match[2])}"', html)


def image_representation(image, alt: str, request, decorative: bool = False) -> dict | None:
    """An image as renditions (Wagtail filter specs from PORTAL_API_IMAGE_RENDITIONS) + alt text."""
    if image is None:
        return None
    renditions = image.get_renditions(*settings.PORTAL_API_IMAGE_RENDITIONS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": "" if decorative else (alt or image.description or ""),
        "decorative": decorative,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute(request, renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in settings.PORTAL_API_IMAGE_RENDITIONS.items()
        },
    }


def document_representation(document, request) -> dict | None:
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute(request, document.url),
        "file_type": document.file_extension.lower(),
        "content_type": document.content_type,
        "size": document.get_file_size(),
    }


def page_link(page, request) -> dict | None:
    """A link to a page on the portal, or None if it is not live and public."""
    if page is None:
        return None
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if not page.live or page.get_view_restrictions().exists():
        return None
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


def request_from(context) -> object | None:
    return (context or {}).get("request")
