"""A filter on a department finds the projects of every unit below it, three levels down.

The administration is Dezernat -> Fachbereich -> Team; each surface that
filters by department (project list, /api/v2, search page and API) answers
the same.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from departments.models import Department
from search.tasks import process_outbox
from tests.factories import DepartmentFactory, ProjectPageFactory


@pytest.fixture
def levels(project_index, settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung", kind="dezernat")
    fachbereich = DepartmentFactory(name="Fachbereich Mobilität", parent=dezernat)
    team = DepartmentFactory(name="Team Radverkehr", kind="team", parent=fachbereich)
    other = DepartmentFactory(name="Dezernat Finanzen", kind="dezernat")
    for title, department in [
        ("Radverkehrskonzept Innenstadt", team),
        ("Parkraumkonzept", fachbereich),
        ("Leitbild Stadtentwicklung", dezernat),
        ("Haushalt Stadtentwicklung", other),
    ]:
        ProjectPageFactory(
            parent=project_index, title=title, department=department
        ).save_revision().publish()
    process_outbox()
    return {"dezernat": dezernat, "fachbereich": fachbereich, "team": team}


EXPECTED = {
    "dezernat": ["Leitbild Stadtentwicklung", "Parkraumkonzept", "Radverkehrskonzept Innenstadt"],
    "fachbereich": ["Parkraumkonzept", "Radverkehrskonzept Innenstadt"],
    "team": ["Radverkehrskonzept Innenstadt"],
}


@pytest.mark.parametrize("level", EXPECTED)
def test_project_list(client, project_index, levels, level):
    response = client.get(project_index.url, {"department": levels[level].slug})
    soup = BeautifulSoup(response.content, "html.parser")
    titles = sorted(
        a.get_text(strip=True) for a in soup.select(".project-card h3 a, .project-card h2 a")
    )
    assert titles == EXPECTED[level]


@pytest.mark.parametrize("level", EXPECTED)
def test_api_v2(client, levels, level):
    response = client.get(
        "/api/v2/pages/",
        {"type": "pages.ProjectPage", "department": levels[level].slug, "fields": "title"},
    )
    assert response.status_code == 200
    assert sorted(item["title"] for item in response.json()["items"]) == EXPECTED[level]


@pytest.mark.parametrize("level", EXPECTED)
def test_search_api(client, levels, level):
    response = client.get("/api/v1/search/", {"q": "konzept", "department": levels[level].pk})
    assert response.status_code == 200
    found = sorted(hit["title"] for hit in response.json()["hits"])
    assert found == [title for title in EXPECTED[level] if "konzept" in title.lower()]


def test_search_page_by_dezernat(client, levels):
    response = client.get(
        "/search/", {"q": "Radverkehrskonzept", "department": levels["dezernat"].pk}
    )
    assert "Radverkehrskonzept Innenstadt" in response.content.decode()


def test_a_department_cannot_belong_to_its_own_team(levels):
    dezernat = levels["dezernat"]
    dezernat.parent = levels["team"]
    with pytest.raises(ValidationError) as error:
        dezernat.full_clean()
    assert "parent" in error.value.message_dict


def test_family_ids_take_one_query_per_level(levels, django_assert_num_queries):
    with django_assert_num_queries(3):  # Fachbereich, Team, and the empty level below
        ids = Department.objects.family_ids(levels["dezernat"])
    assert set(ids) == {levels[name].pk for name in EXPECTED}
