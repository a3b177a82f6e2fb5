"""Points, boxes and district boundaries in GeoJSON, in pure Python (no GIS dependency).

Locations are stored as GeoJSON (``{"type": "Point", "coordinates": [lon, lat]}``,
WGS 84, longitude first as GeoJSON says) beside plain float columns that a
bounding-box filter can use in SQL on PostgreSQL and SQLite alike. District
boundaries are GeoJSON Polygons or MultiPolygons; a handful of districts with
a few hundred vertices each is cheap to test point by point, so no PostGIS.

The city's box (``PROPOSALS_MAP_BOUNDS``) keeps typos (swapped coordinates,
a missing digit) out: a proposal of this city lies in it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_BOUNDS = {"south": 50.85, "west": 11.50, "north": 50.98, "east": 11.70}
AREA_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    @property
    def center(self) -> tuple[float, float]:
        """(lat, lon), as map libraries want it."""
        return ((self.south + self.north) / 2, (self.west + self.east) / 2)


def city_bounds() -> Box:
    bounds = {**DEFAULT_BOUNDS, **getattr(settings, "PROPOSALS_MAP_BOUNDS", {})}
    return Box(bounds["west"], bounds["south"], bounds["east"], bounds["north"])


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def parse_bbox(text: str) -> Box:
    """``w,s,e,n`` in degrees (the order of GeoJSON's and OGC's bbox); ValueError if not."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(text)
    west, south, east, north = (float(part) for part in parts)
    if not all(math.isfinite(value) for value in (west, south, east, north)):
        raise ValueError(text)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(text)
    return Box(west, south, east, north)


def _ring_problem(ring) -> str | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return _("Each ring needs at least four positions.")
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(value, int | float) for value in position[:2])
            or not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90)
        ):
            return _("Not a position in degrees: %(position)s") % {"position": position}
    if ring[0][:2] != ring[-1][:2]:
        return _("Each ring must end where it starts.")
    return None


def area_problem(geometry) -> str | None:
    """Why ``geometry`` is no GeoJSON Polygon or MultiPolygon (None if it is one)."""
    if not isinstance(geometry, dict) or geometry.get("type") not in AREA_TYPES:
        return _("Please enter a GeoJSON object of type Polygon or MultiPolygon.")
    polygons = _polygons(geometry)
    if not isinstance(polygons, list) or not polygons:
        return _("The coordinates are missing.")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return _("Each polygon needs an outer ring.")
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
    return None


def _polygons(geometry: dict):
    coordinates = geometry.get("coordinates")
    return [coordinates] if geometry.get("type") == "Polygon" else coordinates


def _in_ring(lon: float, lat: float, ring) -> bool:
    """Ray casting: an eastward ray from the point crosses the ring an odd number of times."""
    inside = False
    previous = ring[-1]
    for current in ring:
        (x1, y1), (x2, y2) = previous[:2], current[:2]
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
        previous = current
    return inside


def area_contains(geometry: dict, lon: float, lat: float) -> bool:
    """Inside the outer ring and outside its holes, in any of the polygons."""
    for polygon in _polygons(geometry):
        outer, holes = polygon[0], polygon[1:]
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes):
            return True
    return False


def area_box(geometry: dict) -> Box:
    positions = [position for polygon in _polygons(geometry) for position in polygon[0]]
    lons = [position[0] for position in positions]
    lats = [position[1] for position in positions]
    return Box(min(lons), min(lats), max(lons), max(lats))
