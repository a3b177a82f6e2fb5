"""The site search finds visible pages only and refuses over-long queries with a message."""

import pytest
from bs4 import BeautifulSoup

from search.forms import MAX_QUERY_LENGTH
from tests.factories import ProjectPageFactory


@pytest.fixture
def projects(project_index):
    visible = ProjectPageFactory(parent=project_index, title="Radwege in Lobeda")
    draft = ProjectPageFactory(parent=project_index, title="Radwege geheim", live=False)
    return visible, draft


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-results h3")]


def test_finds_live_pages_with_german_stemming(client, projects):
    response = client.get("/search/", {"q": "Radweg"})
    assert response.status_code == 200
    assert result_titles(response) == ["Radwege in Lobeda"]


def test_empty_query_shows_help_not_everything(client, projects):
    response = client.get("/search/", {"q": "   "})
    assert result_titles(response) == []
    assert "Geben Sie ein Wort ein" in response.content.decode()


def test_overlong_query_is_refused_with_a_message(client, projects):
    response = client.get("/search/", {"q": "Rad" * MAX_QUERY_LENGTH})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "höchstens 200 Zeichen" in soup.select_one("#id_q_error").get_text()
    assert result_titles(response) == []


@pytest.mark.parametrize("query", ['"Rad', "Rad & | ! ( ) : *", "Rad\\", "'; DROP TABLE x; --"])
def test_search_syntax_is_treated_as_text(client, projects, query):
    assert client.get("/search/", {"q": query}).status_code == 200
