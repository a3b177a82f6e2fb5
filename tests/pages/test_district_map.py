"""The project list's district map: only with boundaries, with a link list that needs no map."""

import json
import re

import pytest

from tests.factories import DistrictFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[11.55, 50.9], [11.6, 50.9], [11.6, 50.95], [11.55, 50.95], [11.55, 50.9]]],
}


def test_no_boundaries_no_map(client, project_index):
    DistrictFactory(name="Lobeda")

    html = client.get(project_index.url).content.decode()

    assert "Projekte nach Stadtteil" not in html
    assert "leaflet" not in html


def test_districts_with_boundaries_list_their_projects_and_link_the_filter(client, project_index):
    lobeda = DistrictFactory(name="Lobeda", boundary=SQUARE)
    DistrictFactory(name="Winzerla", boundary=SQUARE)
    DistrictFactory(name="Ohne Grenze")
    ProjectPageFactory(parent=project_index, district=lobeda)
    ProjectPageFactory(parent=project_index, district=lobeda)

    html = client.get(project_index.url).content.decode()

    assert "Projekte nach Stadtteil" in html
    assert "Karte laden" in html
    assert f'href="{project_index.url}?district=lobeda">Lobeda: 2 Projekte</a>' in html
    assert "Winzerla: 0 Projekte" in html
    assert "Ohne Grenze" not in html.split("district-map-heading")[1].split("</section>")[0]
    data = json.loads(re.search(r'id="district-map-data"[^>]*>(.*?)</script>', html).group(1))
    assert [feature["properties"]["name"] for feature in data["features"]] == ["Lobeda", "Winzerla"]
    assert data["features"][0]["geometry"] == SQUARE


def test_the_map_adds_a_fixed_number_of_queries(
    client, project_index, django_assert_max_num_queries
):
    lobeda = DistrictFactory(name="Lobeda", boundary=SQUARE)
    client.get(project_index.url)
    with django_assert_max_num_queries(200) as few:
        client.get(project_index.url)
    for number in range(5):
        DistrictFactory(name=f"Bezirk {number}", boundary=SQUARE)
    ProjectPageFactory(parent=project_index, district=lobeda)

    with django_assert_max_num_queries(len(few.captured_queries) + 4):
        client.get(project_index.url)
