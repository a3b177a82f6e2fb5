"""Updates left waiting after a backend outage are written by the worker's own schedule,
without a new change; readiness and the admin show how long they wait."""

import datetime

import pytest
from django.utils import timezone

from scheduling.registry import get_job
from scheduling.runner import run_job
from search.backends import _backend
from search.health import readiness
from search.indexing import mark_dirty
from search.models import OutboxEntry, SearchEntry
from search.tasks import process_outbox
from tests.factories import ProjectPageFactory
from tests.search.test_backend_outage import closed_port_url


@pytest.fixture
def elasticsearch_down(settings, db):
    settings.ELASTICSEARCH_URL = closed_port_url()
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    _backend.cache_clear()
    yield
    _backend.cache_clear()


def back_off_over(ago=datetime.timedelta(0)):
    OutboxEntry.objects.update(available_at=timezone.now() - ago)


def test_the_drain_job_runs_often(settings):
    job = get_job("search.drain_outbox")
    assert job.every == settings.PORTAL_SEARCH_OUTBOX_EVERY
    assert job.every < settings.PORTAL_SEARCH_CHECK_EVERY


def test_overdue_updates_are_written_by_the_periodic_job_after_an_outage(
    project_index, elasticsearch_down, settings
):
    projects = [
        ProjectPageFactory(parent=project_index, title=f"Spielplatz {n}") for n in range(12)
    ]
    mark_dirty("page", [project.pk for project in projects])
    assert process_outbox() == 0
    assert OutboxEntry.objects.filter(attempts=1).count() == 12

    # The backend is back (here: PostgreSQL); no page changes again.
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    drain = get_job("search.drain_outbox")
    run_job(drain, force=True)
    assert OutboxEntry.objects.count() == 12, "still backing off: not retried yet"

    back_off_over()
    run_job(drain, force=True)
    assert not OutboxEntry.objects.exists()
    assert SearchEntry.objects.filter(key__in=[f"page:{p.pk}" for p in projects]).count() == 12


def test_readiness_reports_the_outbox_lag(project_index, settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_SEARCH_MAX_LAG_SECONDS = 300
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    assert readiness()["status"] == "ok"

    mark_dirty("page", [project.pk])
    ten_minutes = datetime.timedelta(minutes=10)
    OutboxEntry.objects.update(enqueued_at=timezone.now() - ten_minutes)
    back_off_over(ten_minutes)
    state = readiness()
    assert state["status"] == "degraded"
    assert state["backend"] == "postgres"
    assert state["outbox_due"] == 1
    assert state["oldest_due_seconds"] >= 600
    assert state["parked"] == 0
    assert state["problems"] == ["outbox_lag"]

    run_job(get_job("search.drain_outbox"), force=True)
    state = readiness()
    assert (state["status"], state["outbox_due"], state["oldest_due_seconds"]) == ("ok", 0, 0)


def test_readiness_says_down_when_the_backend_does_not_answer(db, elasticsearch_down):
    state = readiness()
    assert state["status"] == "down"
    assert state["backend"] == "elasticsearch"
    assert state["problems"] == ["backend_unreachable"]
    assert "17199" not in str(state), "no error messages: they can carry host names"


def test_the_admin_shows_the_outbox_lag(client, editor, project_index, settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    mark_dirty("page", [project.pk])
    OutboxEntry.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    back_off_over()
    client.force_login(editor)  # a superuser
    page = client.get("/cms/search-index/").content.decode()
    assert 'data-outbox-due="1"' in page
    assert 'data-status="degraded"' in page


def test_only_superusers_see_the_search_index_admin(client, citizen):
    client.force_login(citizen)
    assert client.get("/cms/search-index/").status_code in (302, 403)


def test_a_search_table_refusing_writes_parks_nothing_and_is_drained_after(project_index, settings):
    from django.db import connection

    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_SEARCH_MAX_ATTEMPTS = 2
    projects = [ProjectPageFactory(parent=project_index, title=f"Teich {n}") for n in range(6)]
    mark_dirty("page", [project.pk for project in projects])
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchentry RENAME TO search_searchentry_away")
    for _attempt in range(4):  # more tries than it takes to park a rejected document
        back_off_over()
        assert process_outbox() == 0
    assert OutboxEntry.objects.filter(attempts=4, parked_at__isnull=True).count() == 6
    assert "UndefinedTable" in OutboxEntry.objects.first().last_error or "does not exist" in (
        OutboxEntry.objects.first().last_error
    )
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_searchentry_away RENAME TO search_searchentry")

    back_off_over()
    run_job(get_job("search.drain_outbox"), force=True)
    assert not OutboxEntry.objects.exists()
    assert SearchEntry.objects.filter(title__startswith="Teich").count() == 6
