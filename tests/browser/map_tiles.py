"""Tile requests in the browser tests: answered here, never by the real tile server, and counted."""

from urllib.parse import urlsplit

from django.conf import settings

# A 1x1 light grey PNG.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63b87bf72e0005320298c30dfa8f0000000049454e44ae426082"
)


def tile_host() -> str:
    return urlsplit(settings.PORTAL_MAP_TILES_URL).netloc


def answer_tiles(page) -> list[str]:
    """Serves every tile request of ``page`` with TILE; returns the list of requested tiles."""
    requested: list[str] = []

    def fulfil(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route(f"https://{tile_host()}/**", fulfil)
    return requested
