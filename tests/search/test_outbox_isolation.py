"""One document the backend rejects never blocks the others; it is parked after N tries."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from search.indexing import mark_dirty
from search.models import OutboxEntry, SearchEntry
from search.tasks import process_outbox
from tests.search.probe_source import poisoned, registered


@pytest.fixture(autouse=True)
def postgres_backend(settings, db):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_SEARCH_MAX_ATTEMPTS = 3


@pytest.fixture
def probe():
    titles = {n: f"Gesunder Beitrag {n}" for n in range(1, 7)}
    titles[4] = poisoned("Vergifteter Beitrag")
    with registered(titles) as source:
        yield source


def back_off_over():
    OutboxEntry.objects.update(available_at=timezone.now())


def indexed_probe_keys():
    return set(SearchEntry.objects.filter(key__startswith="probe:").values_list("key", flat=True))


def test_a_rejected_document_does_not_hold_back_its_batch(probe):
    mark_dirty("probe", range(1, 7))

    assert process_outbox() == 5
    assert indexed_probe_keys() == {f"probe:{n}" for n in (1, 2, 3, 5, 6)}
    entry = OutboxEntry.objects.get()
    assert (entry.source, entry.object_id, entry.attempts) == ("probe", 4, 1)
    assert "NUL" in entry.last_error
    assert entry.parked_at is None, "one failure is not enough to park"


def test_a_document_rejected_again_and_again_is_parked_and_listed(probe):
    mark_dirty("probe", range(1, 7))
    for _attempt in range(3):
        back_off_over()
        process_outbox()
    entry = OutboxEntry.objects.get()
    assert entry.attempts == 3 and entry.parked_at is not None

    back_off_over()
    process_outbox()
    assert OutboxEntry.objects.get().attempts == 3, "parked: left alone"

    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("search_check", stdout=out)
    assert failure.value.returncode == 1
    assert "Parked updates: 1" in out.getvalue()
    assert "probe:4 (parked" in out.getvalue() and "NUL" in out.getvalue()

    with pytest.raises(CommandError):
        call_command("process_search_outbox", "--now", stdout=io.StringIO(), stderr=io.StringIO())


def test_search_check_fix_retries_parked_updates(probe):
    mark_dirty("probe", [4])
    for _attempt in range(3):
        back_off_over()
        process_outbox()
    assert OutboxEntry.objects.get().parked_at is not None

    probe.titles[4] = "Repariert"  # whatever was wrong with it is fixed
    out = io.StringIO()
    with pytest.raises(CommandError):  # the other probe documents were never indexed
        call_command("search_check", "--fix", stdout=out)
    assert "retried 1 parked updates" in out.getvalue()
    assert not OutboxEntry.objects.exists()
    assert SearchEntry.objects.filter(key="probe:4", title="Repariert").exists()


def test_a_new_change_gives_a_parked_document_fresh_tries(probe):
    mark_dirty("probe", [4])
    for _attempt in range(3):
        back_off_over()
        process_outbox()
    mark_dirty("probe", [4])
    entry = OutboxEntry.objects.get()
    assert entry.parked_at is None and entry.attempts == 0


def test_the_periodic_check_leaves_parked_documents_parked(probe):
    from search.checking import check_and_repair

    mark_dirty("probe", [4])
    for _attempt in range(3):
        back_off_over()
        process_outbox()
    outcome = check_and_repair()
    assert outcome["parked"] == 1
    entry = OutboxEntry.objects.get()
    assert entry.parked_at is not None and entry.attempts == 3


def test_admins_see_parked_updates_and_can_retry_them(probe, client, editor):
    mark_dirty("probe", [4])
    for _attempt in range(3):
        back_off_over()
        process_outbox()
    client.force_login(editor)  # a superuser
    response = client.get("/cms/search-index/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-parked="1"' in page and "probe:4" in page and "NUL" in page

    probe.titles[4] = "Repariert"
    response = client.post("/cms/search-index/", follow=True)
    assert response.status_code == 200
    assert not OutboxEntry.objects.exists(), "retried (the task runs at once in tests)"
