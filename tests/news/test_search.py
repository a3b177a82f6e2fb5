"""News titles and texts are part of the project's text in the portal search, from their date on."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from pages.news_announcements import announce_due_news
from search.backends import get_backend
from search.backends.base import SearchQuery, Viewer
from search.tasks import process_outbox
from search.text import parse_query
from tests.news.conftest import add_news, days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


def found(query):
    results = get_backend().search(SearchQuery(parsed=parse_query(query), viewer=Viewer()))
    return [hit.title for hit in results.hits]


def test_a_due_post_is_found_and_a_future_one_from_its_date_on(
    project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_news(project, "Auftakt", body="<p>Wir pflanzen <b>Kastanienbäume</b>.</p>")
        add_news(project, "Später", date=days(2), body="<p>Dann kommen Trinkbrunnen.</p>")
    process_outbox()

    assert found("Kastanienbäume") == ["Neuer Stadtpark"]
    assert found("Trinkbrunnen") == []

    the_day = timezone.make_aware(datetime.datetime.combine(days(2), datetime.time(9)))
    with time_machine.travel(the_day, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            announce_due_news()
        process_outbox()
        assert found("Trinkbrunnen") == ["Neuer Stadtpark"]
