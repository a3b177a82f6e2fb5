"""Search backend unreachable: searches answer 503 with Retry-After, the rest of the site works.

Elasticsearch is pointed at a port on which nothing listens (the
connection is refused, as when the server is down); the PostgreSQL
backend fails for real by losing its table in the test's transaction.
"""

import socket

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from search.backends import _backend
from search.indexing import mark_dirty
from search.models import OutboxEntry
from search.tasks import process_outbox
from tests.factories import ProjectPageFactory

CLOSED_PORT = 17199


def closed_port_url() -> str:
    with socket.socket() as probe:  # nothing may listen there, else the test means nothing
        assert probe.connect_ex(("127.0.0.1", CLOSED_PORT)) != 0
    return f"http://127.0.0.1:{CLOSED_PORT}"


@pytest.fixture
def elasticsearch_down(settings, db):
    settings.ELASTICSEARCH_URL = closed_port_url()
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    settings.PORTAL_SEARCH_RETRY_AFTER = 45
    _backend.cache_clear()
    yield
    _backend.cache_clear()


@pytest.fixture
def postgres_table_gone(settings, db):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("ALTER TABLE search_searchentry RENAME TO search_searchentry_away")


def assert_problem_503(response, code="search_unavailable"):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["status"] == 503
    assert body["code"] == code
    assert "nicht verfügbar" in body["detail"]


@pytest.mark.parametrize("failure", ["elasticsearch_down", "postgres_table_gone"])
def test_search_page_says_search_is_briefly_unavailable(client, home_page, failure, request):
    request.getfixturevalue(failure)
    response = client.get("/search/", {"q": "Radweg"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    soup = BeautifulSoup(response.content, "html.parser")
    message = soup.select_one(".search-unavailable").get_text(" ", strip=True)
    assert message.startswith("Die Suche ist gerade nicht verfügbar")
    # The layout around it works: navigation, the search form to try again.
    assert soup.select_one("header") is not None and soup.select_one("footer") is not None
    assert soup.select_one(".search-form input[name=q]")["value"] == "Radweg"


def test_search_page_sends_the_configured_retry_after(client, home_page, elasticsearch_down):
    assert client.get("/search/", {"q": "Radweg"})["Retry-After"] == "45"


@pytest.mark.parametrize("failure", ["elasticsearch_down", "postgres_table_gone"])
def test_search_api_and_autocomplete_answer_503_problems(client, home_page, failure, request):
    request.getfixturevalue(failure)
    assert_problem_503(client.get("/api/v1/search/", {"q": "Radweg"}))
    assert_problem_503(client.get("/api/v1/search/autocomplete", {"q": "Rad"}))


def test_pages_api_search_answers_503_problem_when_elasticsearch_is_down(
    client, home_page, settings
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [closed_port_url()],
            "INDEX_PREFIX": "portal-test-",
            "TIMEOUT": 2,
        }
    }
    from wagtail.search.backends import get_search_backend

    assert get_search_backend().__class__.__name__.startswith("Elasticsearch")
    response = client.get("/api/v2/pages/", {"search": "Radweg"})
    assert_problem_503(response)
    # Without ?search= the listing does not need the search backend.
    assert client.get("/api/v2/pages/").status_code == 200


def test_the_rest_of_the_site_works_and_writes_wait_in_the_outbox(
    client, project_index, elasticsearch_down
):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    assert client.get(project.url).status_code == 200
    assert client.get("/").status_code == 200
    mark_dirty("page", [project.pk])
    assert process_outbox() == 0
    entry = OutboxEntry.objects.get(source="page", object_id=project.pk)
    assert entry.attempts == 1 and entry.parked_at is None, "an outage parks nothing"


class CountingDeadServer:
    """Accepts connections and closes them unanswered, counting them (a broken Elasticsearch)."""

    def __init__(self, port: int):
        import threading

        self.accepted = 0
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", port))
        self.server.listen(16)
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                connection_, _address = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            connection_.close()

    def close(self):
        self.server.close()


def test_a_failed_search_opens_the_breaker_so_the_next_ones_cost_nothing(
    client, home_page, settings
):
    from search import breaker

    dead = CountingDeadServer(CLOSED_PORT - 1)
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{CLOSED_PORT - 1}"
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    settings.PORTAL_SEARCH_BREAKER_SECONDS = 600
    _backend.cache_clear()
    breaker.reset()
    try:
        assert_problem_503(client.get("/api/v1/search/", {"q": "Radweg"}))
        asked = dead.accepted
        assert asked >= 1
        assert_problem_503(client.get("/api/v1/search/", {"q": "Radweg"}))
        assert client.get("/search/", {"q": "Radweg"}).status_code == 503
        assert dead.accepted == asked, "the breaker answered without asking the backend"

        breaker.reset()  # the cool-down is over
        assert_problem_503(client.get("/api/v1/search/", {"q": "Radweg"}))
        assert dead.accepted > asked
    finally:
        breaker.reset()
        dead.close()
        _backend.cache_clear()


def test_search_check_says_the_backend_is_unavailable(elasticsearch_down):
    import io

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as failure:
        call_command("search_check", stdout=io.StringIO())
    assert failure.value.returncode == 1
    assert "unavailable" in str(failure.value)
