"""reindex rebuilds from the database; search_check finds what is missing or stale."""

import io

import pytest
from django.core.management import CommandError, call_command

from search.models import OutboxEntry, SearchEntry
from tests.factories import ProjectPageFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def pages(project_index, home_page):
    return [
        ProjectPageFactory(parent=project_index, title="Radweg"),
        ProjectPageFactory(parent=project_index, title="Spielplatz"),
        StandardPageFactory(parent=home_page, title="Impressum"),
    ]


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, verbosity=0)
    return out.getvalue()


def test_reindex_indexes_every_visible_page_and_clears_the_outbox(pages):
    output = run("reindex")
    assert "Indexed 3 documents" in output
    assert set(SearchEntry.objects.values_list("title", flat=True)) == {
        "Radweg",
        "Spielplatz",
        "Impressum",
    }
    assert not OutboxEntry.objects.exists()


def test_reindex_drops_what_is_no_longer_visible(pages):
    run("reindex")
    pages[0].unpublish()
    run("reindex")
    assert not SearchEntry.objects.filter(title="Radweg").exists()


def test_search_check_passes_on_a_fresh_index(pages):
    run("reindex")
    assert "matches the database" in run("search_check")


def test_search_check_reports_missing_stale_and_invisible(pages):
    run("reindex")
    SearchEntry.objects.filter(title="Radweg").delete()
    SearchEntry.objects.filter(title="Spielplatz").update(fingerprint="outdated")
    pages[2].unpublish()
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("search_check", stdout=out)
    assert failure.value.returncode == 1
    report = out.getvalue()
    assert "Missing: 1" in report and f"page:{pages[0].pk}" in report
    assert "Stale: 1" in report and f"page:{pages[1].pk}" in report
    assert "Not visible any more: 1" in report and f"page:{pages[2].pk}" in report


def test_search_check_fix_repairs_the_differences(pages):
    run("reindex")
    SearchEntry.objects.all().delete()
    OutboxEntry.objects.all().delete()
    out = run("search_check", "--fix")
    assert "Missing: 3" in out
    assert "wrote 3 updates" in out
    assert "matches the database" in out
    assert not OutboxEntry.objects.exists()
    assert "matches the database" in run("search_check")


def index_names(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        return sorted(row[0] for row in cursor.fetchall())


def test_rebuild_swaps_in_a_table_with_the_same_index_names(pages):
    before = {table: index_names(table) for table in ("search_searchentry", "search_lexeme")}
    run("reindex")
    run("reindex")
    assert {table: index_names(table) for table in before} == before
    assert "search_entry_vector" in before["search_searchentry"]


def test_updates_wait_while_a_rebuild_runs(pages, project_index):
    from search import rebuilds
    from search.indexing import mark_dirty
    from search.tasks import process_outbox

    run("reindex")
    late = ProjectPageFactory(parent=project_index, title="Nachzügler")
    session = rebuilds.start("postgres")
    mark_dirty("page", [late.pk])
    assert process_outbox() == 0
    session.finish()
    assert OutboxEntry.objects.filter(object_id=late.pk).exists()
    process_outbox()
    assert SearchEntry.objects.filter(title="Nachzügler").exists()


@pytest.mark.django_db(transaction=True)
def test_rebuild_outside_a_transaction_is_pipelined_through_a_second_connection(settings):
    """The production path of reindex: loading and vectorising overlap."""
    from search.backends import get_backend
    from search.backends.base import SearchQuery
    from search.text import parse_query
    from tests.search.conftest import make_document

    settings.PORTAL_SEARCH_BACKEND = "postgres"
    backend = get_backend()
    batches = [[make_document(f"Radweg {n}-{i}") for i in range(50)] for n in range(5)]

    assert backend.rebuild(iter(batches)) == 250

    results = backend.search(SearchQuery(parsed=parse_query("Radweg")))
    assert results.total == 250
    assert index_names("search_searchentry") == sorted(
        [
            "search_entry_key",
            "search_entry_published",
            "search_entry_title_vector",
            "search_entry_vector",
            "search_searchentry_pkey",
        ]
    )
