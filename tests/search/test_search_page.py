"""The search page: accessible form, highlighted hits, facets, clear messages for bad input."""

import pytest
from bs4 import BeautifulSoup

from search.forms import MAX_QUERY_LENGTH
from search.tasks import process_outbox
from tests.factories import DepartmentFactory, ProjectPageFactory, TopicFactory


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def projects(project_index):
    mobility = DepartmentFactory(name="Fachbereich Mobilität")
    cycling = TopicFactory(name="Radverkehr")
    lobeda = ProjectPageFactory(
        parent=project_index,
        title="Radwege in Lobeda",
        teaser="Sichere Radwege für Schulkinder.",
        department=mobility,
    )
    lobeda.topics.set([cycling])
    lobeda.save_revision().publish()
    ProjectPageFactory(parent=project_index, title="Radweg geheim", live=False)
    ProjectPageFactory(parent=project_index, title="Spielplatz Winzerla").save_revision().publish()
    process_outbox()
    return lobeda


def get(client, **params):
    response = client.get("/search/", params)
    return response, BeautifulSoup(response.content, "html.parser")


def test_finds_live_pages_with_highlighted_stems(client, projects):
    response, soup = get(client, q="Radweg")
    assert response.status_code == 200
    hits = soup.select(".search-hit")
    assert [" ".join(hit.h3.get_text().split()) for hit in hits] == ["Radwege in Lobeda"]
    assert hits[0].select_one("h3 mark").get_text() == "Radwege"
    assert "Projekt" in hits[0].select_one(".search-hit__kind").get_text()
    assert soup.select_one("#results-count").get_text(strip=True) == "1 Ergebnis für „Radweg“"
    assert soup.select_one("#results-count")["aria-live"] == "polite"


def test_facets_filter_the_results(client, projects):
    _, soup = get(client, q="Radweg")
    department_options = [o.get_text(strip=True) for o in soup.select("#facet-department option")]
    assert "Fachbereich Mobilität (1)" in department_options
    _, soup = get(client, q="Radweg", kind="comment")
    assert soup.select(".search-hit") == []


def test_empty_query_shows_help_not_everything(client, projects):
    response, soup = get(client, q="   ")
    assert response.status_code == 200
    assert soup.select(".search-hit") == []
    assert soup.select_one(".search-help")


def test_only_stop_words_show_help(client, projects):
    _, soup = get(client, q="und der die")
    assert soup.select(".search-hit") == []
    assert "nicht allein gesucht" in soup.select_one(".search-help").get_text()


def test_overlong_query_is_refused_with_a_message(client, projects):
    response, soup = get(client, q="Rad" * MAX_QUERY_LENGTH)
    assert response.status_code == 400
    assert "höchstens 200 Zeichen" in soup.select_one("#id_q_error").get_text()
    assert soup.select_one("[role=alert]")
    assert soup.select(".search-hit") == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"department": "999999"}, "department"),
        ({"kind": "nonsense"}, "kind"),
        ({"year": "zwanzig"}, "year"),
        ({"page": "0"}, "page"),
        ({"page": "5000"}, "page"),
    ],
)
def test_bad_filters_get_a_message_not_an_error_page(client, projects, params, field):
    response, soup = get(client, q="Radweg", **params)
    assert response.status_code == 400
    assert soup.select_one("[role=alert]")


def test_page_beyond_the_results_gets_a_message(client, projects):
    response, soup = get(client, q="Radweg", page="7")
    assert response.status_code == 400
    assert "nur 1 Ergebnisseite" in soup.select_one("[role=alert]").get_text()


@pytest.mark.parametrize(
    "query", ['"Rad', "Rad & | ! ( ) : *", "Rad\\", "'; DROP TABLE x; --", "<script>"]
)
def test_search_syntax_is_treated_as_text(client, projects, query):
    response, soup = get(client, q=query)
    assert response.status_code == 200
    assert soup.find("script", string=lambda s: s and "DROP" in s) is None
