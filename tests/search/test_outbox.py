"""An unreachable search backend delays index updates but never drops them."""

import pytest
from django.core.management import call_command

from search.backends import _backend
from search.indexing import mark_dirty
from search.models import OutboxEntry, SearchEntry
from search.tasks import process_outbox
from tests.factories import ProjectPageFactory


@pytest.fixture
def unreachable_elasticsearch(settings):
    # Port 9 (discard) is closed here: every request fails to connect.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    _backend.cache_clear()
    yield
    _backend.cache_clear()


def test_updates_stay_in_the_outbox_while_elasticsearch_is_down(
    project_index, unreachable_elasticsearch, settings
):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    mark_dirty("page", [project.pk])

    assert process_outbox() == 0
    entry = OutboxEntry.objects.get(source="page", object_id=project.pk)
    assert entry.attempts == 1
    assert "ConnectionError" in entry.last_error or "Connection" in entry.last_error
    assert process_outbox() == 0, "backing off: not retried at once"

    # The backend is back (here: PostgreSQL); catching up writes the update.
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    call_command("process_search_outbox", "--now")
    assert not OutboxEntry.objects.exists()
    assert SearchEntry.objects.filter(key=f"page:{project.pk}").exists()


def test_an_update_during_processing_is_not_lost(project_index, settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    project = ProjectPageFactory(parent=project_index, title="Alt")
    mark_dirty("page", [project.pk])
    from search import indexing

    original = indexing.apply_entries

    def change_while_writing(entries, *args):
        original(entries, *args)
        # The page changes again after its document was built.
        project.title = "Neu"
        project.save()
        mark_dirty("page", [project.pk])

    indexing.apply_entries = change_while_writing
    try:
        process_outbox(max_batches=1)
    finally:
        indexing.apply_entries = original
    assert OutboxEntry.objects.filter(source="page", object_id=project.pk).exists()
    process_outbox()
    assert SearchEntry.objects.get(key=f"page:{project.pk}").title == "Neu"
