"""The vendored Leaflet is the released one, loaded with integrity; tiles are images only."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.urls import reverse

from proposals.models import LocationMode

LEAFLET = Path(__file__).resolve().parents[2] / "static" / "vendor" / "leaflet"
# Leaflet's published hashes (https://leafletjs.com/download.html), see the README there.
RELEASED = {
    "leaflet.js": "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=",
    "leaflet.css": "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=",
}


def sri(content: bytes, algorithm: str = "sha256") -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, content).digest()).decode()


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_the_vendored_files_are_leaflets_release(name):
    content = (LEAFLET / name).read_bytes()

    assert sri(content) == RELEASED[name]
    assert b"Leaflet 1.9.4" in content[:200] or name.endswith(".css")
    assert (LEAFLET / "LICENSE").read_text().startswith("BSD 2-Clause License")


@pytest.mark.django_db
def test_the_collection_page_loads_them_with_integrity_and_no_tiles(client, collection):
    html = client.get(reverse("ideen:collection", args=(collection.pk,))).content.decode()

    for name in RELEASED:
        tag = re.search(rf"<[^>]+vendor/leaflet/{re.escape(name)}[^>]*>", html).group(0)
        expected = sri((LEAFLET / name).read_bytes(), "sha384")
        assert f'integrity="{expected}"' in tag
    assert "Karte laden" in html
    # The template URL is only data for the script: no element fetches a tile by itself.
    assert not re.search(r'(src|href)="https://tile\.openstreetmap\.org', html)
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html


@pytest.mark.django_db
def test_a_collection_without_locations_has_no_map(client, collection):
    collection.location_mode = LocationMode.OFF
    collection.save()

    html = client.get(reverse("ideen:collection", args=(collection.pk,))).content.decode()

    assert "leaflet" not in html
    assert "Karte laden" not in html


@pytest.mark.django_db
def test_the_tile_host_is_allowed_for_images_only(client, collection):
    policy = client.get(reverse("ideen:collection", args=(collection.pk,)))[
        "Content-Security-Policy"
    ]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())

    assert "https://tile.openstreetmap.org" in directives["img-src"]
    others = {name: value for name, value in directives.items() if name != "img-src"}
    assert not any("openstreetmap" in value for value in others.values())
