"""The search API: hits with highlights and facets; problems for bad parameters."""

import pytest

from search.tasks import process_outbox
from tests.factories import DepartmentFactory, ProjectPageFactory


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def project(project_index):
    page = ProjectPageFactory(
        parent=project_index,
        title="Bürgerbeteiligung am Holzmarkt",
        teaser="Wie soll der Holzmarkt aussehen?",
        department=DepartmentFactory(name="Fachbereich Stadtentwicklung"),
    )
    page.save_revision().publish()
    process_outbox()
    return page


def test_search_returns_hits_highlights_and_facets(client, project):
    response = client.get("/api/v1/search/", {"q": "Buergerbeteiligung"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    (hit,) = data["hits"]
    assert hit["type"] == "project"
    assert hit["title_highlight"] == "<mark>Bürgerbeteiligung</mark> am Holzmarkt"
    assert hit["url"] == project.url
    assert hit["department"] == {
        "id": project.department_id,
        "title": "Fachbereich Stadtentwicklung",
    }
    assert hit["date"].endswith("Z") or "+" in hit["date"]
    assert data["facets"]["kind"] == [
        {"value": "project", "label": "Projekt", "count": 1, "selected": False}
    ]


def test_autocomplete_suggests_titles_for_a_prefix(client, project):
    response = client.get("/api/v1/search/autocomplete", {"q": "Bürgerbet"})
    assert response.status_code == 200
    assert response.json() == [{"title": project.title, "url": project.url, "type": "project"}]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 201}, "q"),
        ({"q": "Holzmarkt", "department": "999999"}, "department"),
        ({"q": "Holzmarkt", "kind": "unknown"}, "kind"),
        ({"q": "Holzmarkt", "page": "0"}, "page"),
        ({"q": "Holzmarkt", "page": "abc"}, "page"),
    ],
)
def test_bad_parameters_are_problems_naming_the_field(client, project, params, field):
    response = client.get("/api/v1/search/", params, headers={"accept-language": "de"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_page_out_of_range_is_a_problem(client, project):
    response = client.get("/api/v1/search/", {"q": "Holzmarkt", "page": "3"})
    assert response.status_code == 400
    assert response.json()["code"] == "page_out_of_range"


def test_empty_query_is_a_problem_not_everything(client, project):
    response = client.get("/api/v1/search/", {"q": "und"})
    assert response.status_code == 400
    assert response.json()["code"] == "empty_query"


@pytest.fixture
def two_projects(project_index, project):
    other = ProjectPageFactory(
        parent=project_index,
        title="Leihfristen der Stadtbibliothek",
        teaser="Wie lange darf man Bücher behalten?",
    )
    other.save_revision().publish()
    process_outbox()
    return project, other


def test_a_typo_is_offered_as_a_link_query_and_partial_hits_name_what_they_lack(
    client, two_projects
):
    data = client.get("/api/v1/search/", {"q": "Wann wird der Holzmarkt Leihfirsten?"}).json()
    assert data["did_you_mean"] == ["Leihfristen"]
    assert data["did_you_mean_query"] == "Wann wird der Holzmarkt Leihfristen?"
    assert data["corrections_applied"] is True
    assert data["partial"] is True
    assert data["ignored_words"] == ["Wann"]
    missing = {hit["title"]: hit["missing_words"] for hit in data["hits"]}
    assert missing == {
        "Bürgerbeteiligung am Holzmarkt": ["Leihfristen"],
        "Leihfristen der Stadtbibliothek": ["Holzmarkt"],
    }


def test_the_search_page_links_the_suggestion_and_names_missing_words(client, two_projects):
    response = client.get("/search/", {"q": "Holzmarkt Leihfirsten"}, HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'Meinten Sie <a href="/search/?q=Holzmarkt%20Leihfristen">Holzmarkt Leihfristen</a>?'
        in html
    )
    assert "Enthält nicht: <s>Leihfristen</s>" in html
