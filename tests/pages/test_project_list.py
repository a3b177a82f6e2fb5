"""The project list filters by status, department, topic and district; bad values are ignored."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from tests.factories import (
    DepartmentFactory,
    DistrictFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    TopicFactory,
)

D = datetime.date
TODAY = datetime.datetime(2026, 3, 15, 12)


@pytest.fixture
def projects(project_index):
    mobility = DepartmentFactory(name="Fachbereich Mobilität")
    division = DepartmentFactory(name="Dezernat Stadtentwicklung", kind="dezernat")
    team = DepartmentFactory(name="Team Grünflächen", parent=division)
    cycling, green = TopicFactory(name="Radverkehr"), TopicFactory(name="Grün und Umwelt")
    lobeda, centre = DistrictFactory(name="Lobeda"), DistrictFactory(name="Zentrum")

    def project(title, start, end, department, topics, district):
        page = ProjectPageFactory(
            parent=project_index, title=title, department=department, district=district
        )
        ProjectPhaseFactory(page=page, start_date=start, end_date=end)
        page.topics.set(topics)
        page.save_revision().publish()
        return page

    return {
        "open": project(
            "Radweg Lobeda", D(2026, 3, 1), D(2026, 3, 31), mobility, [cycling], lobeda
        ),
        "upcoming": project("Park Zentrum", D(2026, 5, 1), D(2026, 5, 31), team, [green], centre),
        "finished": project(
            "Radweg Zentrum", D(2025, 1, 1), D(2025, 1, 31), mobility, [cycling], centre
        ),
    }


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".project-card__title")]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_lists_all_projects_open_first(client, project_index, projects):
    response = client.get(project_index.url)

    assert response.status_code == 200
    assert titles(response) == ["Radweg Lobeda", "Park Zentrum", "Radweg Zentrum"]
    assert "3 Projekte" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, ["Radweg Lobeda"]),
        ({"status": "finished"}, ["Radweg Zentrum"]),
        ({"topic": "radverkehr"}, ["Radweg Lobeda", "Radweg Zentrum"]),
        ({"district": "zentrum"}, ["Park Zentrum", "Radweg Zentrum"]),
        ({"department": "fachbereich-mobilitaet"}, ["Radweg Lobeda", "Radweg Zentrum"]),
        ({"topic": "radverkehr", "district": "zentrum"}, ["Radweg Zentrum"]),
        ({"status": "evaluation"}, []),
    ],
)
def test_filters(client, project_index, projects, query, expected):
    assert titles(client.get(project_index.url, query)) == expected


def test_division_filter_includes_its_units(client, project_index, projects):
    assert titles(client.get(project_index.url, {"department": "dezernat-stadtentwicklung"})) == [
        "Park Zentrum"
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "kaputt"},
        {"topic": "gibt-es-nicht"},
        {"department": "<script>"},
        {"district": "' OR 1=1 --"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, project_index, projects, query):
    response = client.get(project_index.url, query)

    assert response.status_code == 200
    assert len(titles(response)) == 3
    soup = BeautifulSoup(response.content, "html.parser")
    (field,) = query
    error = soup.select_one(f"#id_{field}_error")
    assert error.get_text(strip=True) == "Diesen Filterwert gibt es nicht; er wurde ignoriert."
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"


def test_invalid_and_out_of_range_page_numbers_do_not_fail(client, project_index, projects):
    project_index.projects_per_page = 2
    project_index.save()
    assert titles(client.get(project_index.url, {"page": "2"})) == ["Radweg Zentrum"]
    assert titles(client.get(project_index.url, {"page": "999"})) == ["Radweg Zentrum"]
    assert titles(client.get(project_index.url, {"page": "abc"})) == [
        "Radweg Lobeda",
        "Park Zentrum",
    ]


def test_pagination_keeps_the_filters(client, project_index, projects):
    project_index.projects_per_page = 1
    project_index.save()
    response = client.get(project_index.url, {"topic": "radverkehr"})
    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "topic=radverkehr" in next_link
    assert "page=2" in next_link


def test_unpublished_projects_are_not_listed(client, project_index, projects):
    projects["open"].unpublish()
    assert "Radweg Lobeda" not in titles(client.get(project_index.url))


def test_cards_show_status_and_timeline(client, project_index, projects):
    soup = BeautifulSoup(client.get(project_index.url).content, "html.parser")
    first = soup.select_one(".project-card")
    assert first.select_one(".status-badge").get_text(strip=True) == "Beteiligung läuft"
    assert first.select_one('.timeline__phase[aria-current="step"]') is not None


def test_home_page_shows_open_and_upcoming_projects_only(client, home_page, projects):
    response = client.get(home_page.url)
    assert titles(response) == ["Radweg Lobeda", "Park Zentrum"]


def test_list_queries_do_not_grow_with_the_number_of_projects(
    client, project_index, projects, django_assert_max_num_queries
):
    for number in range(10):
        page = ProjectPageFactory(parent=project_index, title=f"Extra {number}")
        ProjectPhaseFactory(page=page, start_date=D(2026, 3, 1), end_date=D(2026, 3, 31))
    with django_assert_max_num_queries(25):
        response = client.get(project_index.url)
    assert len(titles(response)) == 12
