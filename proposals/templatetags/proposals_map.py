"""The map's pieces for templates: the vendored Leaflet with its integrity, the map settings.

``{% static_integrity path %}`` hashes the file as it is served (in
production the manifest storage has rewritten the image addresses in
``leaflet.css``), once per process; ``tests/proposals/test_map_vendor.py``
pins the vendored files to Leaflet's published hashes.
"""

import base64
import hashlib
from functools import cache
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.translation import gettext as _

from participation import geo
from proposals import locations

register = template.Library()


def _served_bytes(path: str) -> bytes:
    stored = getattr(staticfiles_storage, "stored_name", None)
    if stored is None:
        # No manifest (development, tests): the files are served from the finders.
        with open(finders.find(path), "rb") as file:
            return file.read()
    with staticfiles_storage.open(stored(path)) as file:
        return file.read()


@cache
def integrity(path: str) -> str:
    digest = hashlib.sha384(_served_bytes(path)).digest()
    return "sha384-" + base64.b64encode(digest).decode()


@register.simple_tag
def static_integrity(path: str) -> str:
    return integrity(path)


@register.inclusion_tag("proposals/includes/map_assets.html")
def map_assets():
    return {
        "css_integrity": integrity("vendor/leaflet/leaflet.css"),
        "js_integrity": integrity("vendor/leaflet/leaflet.js"),
    }


@register.simple_tag
def map_settings() -> dict:
    """What the map script needs: tiles, attribution, the city's box; the tile host to name."""
    box = geo.city_bounds()
    return {
        "tiles": settings.PORTAL_MAP_TILES_URL,
        "attribution": settings.PORTAL_MAP_ATTRIBUTION,
        "host": urlsplit(settings.PORTAL_MAP_TILES_URL).netloc,
        "bounds": f"{box.south},{box.west},{box.north},{box.east}",
        "zoom_in": _("Zoom in"),
        "zoom_out": _("Zoom out"),
    }


@register.simple_tag
def district_areas() -> list[dict]:
    """The districts' boundaries: the picker sets the district select as the server will."""
    return locations.district_areas()
