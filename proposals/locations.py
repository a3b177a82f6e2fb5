"""Where a proposal is: its point, address text and district, checked against the collection.

The collection's ``location_mode`` decides: "off" stores no location at all;
"optional" takes one if given; "required" wants a point, or, for those who
cannot or will not use a map, an address text together with a district (the
issue: the map is never the only way). A point must lie in the city's box
(``PROPOSALS_MAP_BOUNDS``); half a point (only the latitude) is refused,
never stored.

A point inside a district's boundary (``District.boundary``) sets the
district: the point wins over a district chosen in the form. The picker
sets the select as the marker moves, so a contradiction is a slip (a
district chosen before the marker was moved), not a statement; and a
proposal whose district and point disagree would show up in the wrong
filter. A point in no boundary (outside all, or districts without one)
keeps the chosen district.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from participation import geo, text_hygiene
from proposals.models import ADDRESS_MAX, IdeaCollection, LocationMode, Proposal


def _coordinate(value):
    if value in (None, ""):
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _address(value, errors: list) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        text = text_hygiene.clean_text(value)
    except text_hygiene.TextRefused as refusal:
        errors.append({"field": "address", "message": refusal.message})
        return ""
    text = " ".join(text.split())
    if len(text) > ADDRESS_MAX:
        message = _("Please use at most %(limit)d characters (it has %(length)d).") % {
            "limit": ADDRESS_MAX,
            "length": len(text),
        }
        errors.append({"field": "address", "message": message})
    return text


def _point(latitude, longitude, errors: list) -> dict | None:
    try:
        lat, lon = _coordinate(latitude), _coordinate(longitude)
    except (TypeError, ValueError):
        errors.append({"field": "latitude", "message": _("Please enter the position as numbers.")})
        return None
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        field = "latitude" if lat is None else "longitude"
        errors.append(
            {"field": field, "message": _("Please enter both latitude and longitude, or neither.")}
        )
        return None
    if not geo.city_bounds().contains(lon, lat):
        errors.append(
            {
                "field": "latitude",
                "message": _(
                    "This position is outside the city. Please check the numbers "
                    "(latitude first, e.g. 50.93; then longitude, e.g. 11.59)."
                ),
            }
        )
        return None
    return geo.point(round(lon, 6), round(lat, 6))


def _district_model():
    """pages' District, without importing pages (the import contracts)."""
    return Proposal._meta.get_field("district").related_model


def _bounded_districts():
    districts = _district_model().objects.filter(boundary__isnull=False).order_by("name")
    return [district for district in districts if geo.area_problem(district.boundary) is None]


def district_areas() -> list[dict]:
    """``[{"id", "name", "boundary"}]`` in the order ``district_at`` tries them."""
    return [
        {"id": district.pk, "name": district.name, "boundary": district.boundary}
        for district in _bounded_districts()
    ]


def district_at(lon: float, lat: float):
    """The district whose boundary holds the point (the first by name), or None."""
    for district in _bounded_districts():
        if geo.area_contains(district.boundary, lon, lat):
            return district
    return None


def clean_location(
    collection: IdeaCollection, *, latitude, longitude, address, district, errors: list
) -> dict:
    """``location``, ``address`` and ``district`` to store; faults go to ``errors``."""
    if collection.location_mode == LocationMode.OFF:
        return {"location": None, "address": "", "district": district}
    found = len(errors)
    location = _point(latitude, longitude, errors)
    text = _address(address, errors)
    missing = location is None and not (text and district is not None)
    if len(errors) == found and collection.location_mode == LocationMode.REQUIRED and missing:
        errors.append(
            {
                "field": "latitude",
                "message": _(
                    "Please mark the place on the map or enter its position, "
                    "or choose a district and describe the place."
                ),
            }
        )
    if location is not None:
        district = district_at(*location["coordinates"]) or district
    return {"location": location, "address": text, "district": district}
