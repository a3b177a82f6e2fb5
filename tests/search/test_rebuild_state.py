"""Rebuilds keep their state in the database: nothing lost, nothing paused for hours.

A change made while ``reindex`` runs is in the new index after the swap,
even when the cache is flushed meanwhile; a killed ``reindex`` (``kill -9``)
or a stale heartbeat neither pauses indexing nor leaves its staging table.
"""

import io
import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from search import rebuilds
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.indexing import mark_dirty
from search.models import IndexRebuild, OutboxEntry, SearchEntry
from search.tasks import process_outbox
from search.text import parse_query
from tests.factories import ProjectPageFactory
from tests.search.probe_source import ProbeSource, registered_source


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


def finds(word: str) -> int:
    return get_backend().search(SearchQuery(parsed=parse_query(word))).total


def tables(*names) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename = ANY(%s)", [list(names)])
        return {row[0] for row in cursor.fetchall()}


STAGING = ("search_staging", "search_searchentry_next")


class ChangesWhileLoading(ProbeSource):
    """The last source a rebuild reads: while it is read, the site goes on."""

    def __init__(self, during):
        super().__init__({})
        self.during = during

    def iter_documents(self):
        self.during()
        return iter([])


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, verbosity=0)
    return out.getvalue()


@pytest.mark.parametrize("flush_cache", [False, True])
def test_a_change_made_during_a_rebuild_is_found_after_the_swap(project_index, flush_cache):
    ProjectPageFactory(parent=project_index, title="Radweg")
    run("reindex")

    def during():
        late = ProjectPageFactory(parent=project_index, title="Nachzügler")
        mark_dirty("page", [late.pk])
        if flush_cache:
            cache.clear()
        process_outbox()  # the worker, right after the commit

    with registered_source(ChangesWhileLoading(during)):
        run("reindex")

    assert finds("Nachzügler") == 1
    assert finds("Radweg") == 1
    assert not OutboxEntry.objects.exists()


def test_updates_wait_while_a_live_rebuild_runs_and_the_command_says_so(project_index):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    session = rebuilds.start("postgres")
    mark_dirty("page", [project.pk])
    assert process_outbox() == 0
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("process_search_outbox", "--now", stdout=out, stderr=out)
    assert failure.value.returncode == 1
    assert "1 still pending" in out.getvalue()
    assert "rebuild" in out.getvalue()
    session.finish()
    assert "0 still pending" in run("process_search_outbox")


def test_a_stale_heartbeat_lets_updates_flow_and_drops_the_staging_table(project_index):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    with connection.cursor() as cursor:  # what a killed rebuild on another machine left
        cursor.execute("CREATE TABLE search_searchentry_next (LIKE search_searchentry)")
        cursor.execute("CREATE UNLOGGED TABLE search_staging (key text)")
    IndexRebuild.objects.create(
        backend="postgres",
        owner="another-host:4242:deadbeef",
        target="search_searchentry_next",
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )
    mark_dirty("page", [project.pk])

    assert process_outbox() == 1
    assert SearchEntry.objects.filter(key=f"page:{project.pk}").exists()
    rebuild = IndexRebuild.objects.get()
    assert (rebuild.active, rebuild.phase) == (False, IndexRebuild.Phase.ABANDONED)
    assert "no heartbeat" in rebuild.error
    assert not tables(*STAGING)


def test_a_new_reindex_refuses_a_live_rebuild_unless_told_to_take_over(project_index):
    ProjectPageFactory(parent=project_index, title="Radweg")
    IndexRebuild.objects.create(backend="postgres", owner="another-host:4242:cafe")

    with pytest.raises(CommandError) as refused:
        run("reindex")
    assert refused.value.returncode == 2
    assert "another-host:4242:cafe" in str(refused.value)

    run("reindex", "--take-over")
    assert finds("Radweg") == 1
    old, new = IndexRebuild.objects.order_by("id")
    assert (old.phase, old.active) == (IndexRebuild.Phase.ABANDONED, False)
    assert (new.phase, new.active) == (IndexRebuild.Phase.DONE, False)


def test_a_rebuild_taken_over_does_not_swap(project_index):
    from tests.search.conftest import make_document

    ProjectPageFactory(parent=project_index, title="Radweg")
    run("reindex")
    first = rebuilds.start("postgres")
    rebuilds.start("postgres", take_over=True)
    with pytest.raises(rebuilds.Superseded):
        get_backend().rebuild(iter([[make_document("Verdrängt")]]), session=first)
    assert finds("Radweg") == 1
    assert finds("Verdrängt") == 0


KILLED_REINDEX = """
import time
import django
django.setup()
from django.utils import timezone
from search import rebuilds
from search.backends import get_backend
from search.documents import Kind, SearchDocument

session = rebuilds.start("postgres")
session.start_heart()

def batches():
    yield [SearchDocument(key="probe:1", kind=Kind.PAGE, title="Halb geladen", url="/p/",
                          published_at=timezone.now())]
    print("loading", flush=True)
    time.sleep(600)  # killed here, in the middle of loading

get_backend().rebuild(batches(), session=session)
"""


@pytest.mark.django_db(transaction=True)
def test_a_reindex_killed_with_sigkill_is_taken_over(project_index):
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "TEST_DATABASE_URL": url,
        "DATABASE_URL": url,
    }
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_REINDEX],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "loading"
        rebuild = IndexRebuild.objects.get(active=True)
        assert rebuild.owner.split(":")[1] == str(process.pid)
        assert tables(*STAGING) == set(STAGING)
        project = ProjectPageFactory(parent=project_index, title="Spielplatz")
        mark_dirty("page", [project.pk])
        assert process_outbox() == 0, "the rebuild is alive: updates wait for it"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()

    # The heartbeat is fresh, but the process is gone: the next look takes over.
    assert process_outbox() >= 1
    assert finds("Spielplatz") == 1
    assert not tables(*STAGING)
    rebuild.refresh_from_db()
    assert (rebuild.active, rebuild.phase) == (False, IndexRebuild.Phase.ABANDONED)
    assert "is gone" in rebuild.error
    run("reindex")
    assert finds("Spielplatz") == 1
    assert finds("Halb") == 0


class BrokenSource(ProbeSource):
    def iter_documents(self):
        raise RuntimeError("the database went away mid-rebuild")


def test_a_failed_rebuild_drops_its_staging_tables_and_lets_updates_flow(project_index):
    ProjectPageFactory(parent=project_index, title="Radweg")
    run("reindex")
    with registered_source(BrokenSource({})), pytest.raises(RuntimeError):
        run("reindex")
    rebuild = IndexRebuild.objects.order_by("id").last()
    assert (rebuild.active, rebuild.phase) == (False, IndexRebuild.Phase.FAILED)
    assert "went away" in rebuild.error
    assert not tables(*STAGING)
    assert finds("Radweg") == 1, "the live index stays"
    project = ProjectPageFactory(parent=project_index, title="Spielplatz")
    mark_dirty("page", [project.pk])
    assert process_outbox() == 1
