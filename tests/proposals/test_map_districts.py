"""District boundaries: checked in the admin, and a point inside one fills in the district."""

import json

import pytest
from django.urls import reverse

from pages.models import District
from participation import geo
from proposals import services
from tests.factories import DistrictFactory, UserFactory
from tests.proposals.conftest import participant

SQUARE = [[11.55, 50.90], [11.60, 50.90], [11.60, 50.95], [11.55, 50.95], [11.55, 50.90]]
HOLE = [[11.57, 50.92], [11.58, 50.92], [11.58, 50.93], [11.57, 50.93], [11.57, 50.92]]
# An L: the notch (11.58-11.60, 50.93-50.95) is outside although inside the box.
ELL = [
    [11.55, 50.90],
    [11.60, 50.90],
    [11.60, 50.93],
    [11.58, 50.93],
    [11.58, 50.95],
    [11.55, 50.95],
    [11.55, 50.90],
]


@pytest.mark.parametrize(
    ("geometry", "lon", "lat", "inside"),
    [
        ({"type": "Polygon", "coordinates": [SQUARE]}, 11.57, 50.91, True),
        ({"type": "Polygon", "coordinates": [SQUARE]}, 11.61, 50.91, False),
        ({"type": "Polygon", "coordinates": [SQUARE, HOLE]}, 11.575, 50.925, False),
        ({"type": "Polygon", "coordinates": [SQUARE, HOLE]}, 11.59, 50.925, True),
        ({"type": "Polygon", "coordinates": [ELL]}, 11.59, 50.94, False),
        ({"type": "Polygon", "coordinates": [ELL]}, 11.56, 50.94, True),
        (
            {"type": "MultiPolygon", "coordinates": [[HOLE], [[[c[0] + 0.1, c[1]] for c in HOLE]]]},
            11.675,
            50.925,
            True,
        ),
    ],
)
def test_point_in_polygon(geometry, lon, lat, inside):
    assert geo.area_problem(geometry) is None
    assert geo.area_contains(geometry, lon, lat) is inside


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [11.5, 50.9]},
        {"type": "Polygon", "coordinates": []},
        {"type": "Polygon", "coordinates": [SQUARE[:3]]},
        {"type": "Polygon", "coordinates": [[*SQUARE[:-1], [11.5, 50.8]]]},
        {"type": "Polygon", "coordinates": [[*SQUARE[:2], ["a", 50.9], *SQUARE[2:]]]},
        {"type": "MultiPolygon", "coordinates": [[SQUARE], "x"]},
        "Lobeda",
    ],
)
def test_broken_boundaries_are_named(geometry):
    assert geo.area_problem(geometry)


@pytest.mark.django_db
def test_the_snippet_admin_refuses_a_broken_boundary_at_the_field(client, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_pages_district:add")
    broken = {"type": "Polygon", "coordinates": [SQUARE[:3]]}

    refused = client.post(url, {"name": "Lobeda", "slug": "lobeda", "boundary": json.dumps(broken)})
    square = {"type": "Polygon", "coordinates": [SQUARE]}
    accepted = client.post(
        url, {"name": "Lobeda", "slug": "lobeda", "boundary": json.dumps(square)}
    )

    assert refused.status_code == 200
    assert "Jeder Ring braucht mindestens vier Positionen." in refused.content.decode()
    assert accepted.status_code == 302
    assert District.objects.get().boundary == square


@pytest.mark.django_db
def test_a_point_inside_a_boundary_fills_in_the_district_and_wins(collection):
    nord = DistrictFactory(name="Nord", boundary={"type": "Polygon", "coordinates": [SQUARE]})
    chosen = DistrictFactory(name="Lobeda")
    DistrictFactory(name="Ohne Grenze")

    def submit(**place):
        return services.submit_proposal(
            participant(UserFactory()), collection, title="Bank", description="Bitte.", **place
        )

    filled = submit(latitude=50.91, longitude=11.57)
    overruled = submit(latitude=50.91, longitude=11.57, district=chosen)
    outside = submit(latitude=50.96, longitude=11.65, district=chosen)
    none = submit(latitude=50.96, longitude=11.65)

    assert filled.district == overruled.district == nord
    assert outside.district == chosen
    assert none.district is None
