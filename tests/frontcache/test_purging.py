"""Purges: coalesced for bursts, never slower or broken writes when Varnish fails."""

from __future__ import annotations

import logging
import socket

import pytest
import time_machine
from django.core.cache import cache
from django_tasks import default_task_backend

from frontcache import purging, tasks
from polls.services import cast_ballot
from tests.factories import StandardPageFactory
from tests.polls.factories import NOW, anonymous, inputs, make_poll, valid_answers


def varnish_at(settings, location, timeout=0.5):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "frontcache.backends.VarnishBackend",
            "LOCATION": location,
            "TIMEOUT": timeout,
        }
    }


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def test_a_stopped_varnish_never_breaks_a_publish(
    home_page, settings, caplog, django_capture_on_commit_callbacks
):
    varnish_at(settings, f"http://127.0.0.1:{closed_port()}")
    page = StandardPageFactory(parent=home_page, title="Alt")
    page.title = "Neu"
    with (
        caplog.at_level(logging.ERROR, logger="frontcache"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.title == "Neu"
    assert "did not reach the front cache" in caplog.text


def test_a_hung_varnish_never_breaks_a_publish(
    home_page, settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as hung:  # accepts connections, never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        varnish_at(settings, f"http://127.0.0.1:{hung.getsockname()[1]}", timeout=0.2)
        page = StandardPageFactory(parent=home_page, title="Alt")
        with (
            caplog.at_level(logging.ERROR, logger="frontcache"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            page.save_revision().publish()
    assert "did not reach the front cache" in caplog.text


@pytest.fixture
def deferred_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def test_a_burst_is_coalesced_into_one_refresh_and_a_trailing_one(db, settings, deferred_tasks):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    for _ballot in range(50):
        purging.refresh_soon("poll", 7)
    queued = [result for result in deferred_tasks.results if result.task.func is tasks.refresh.func]
    assert len(queued) == 2
    assert [result.task.run_after is None for result in queued] == [True, False]
    # The window over (its key expired), the next change refreshes again.
    cache.delete(f"{purging.COALESCE_PREFIX}poll:7")
    purging.refresh_soon("poll", 7)
    assert len(deferred_tasks.results) == 4


def test_nothing_is_done_without_a_cache_to_purge(db, settings, deferred_tasks):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    settings.WAGTAILFRONTENDCACHE = None
    purging.refresh_soon("poll", 7)
    assert deferred_tasks.results == []


def test_a_ballot_refreshes_the_page_that_shows_the_poll(
    home_page, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    poll = make_poll()
    page = poll.placements.get().page
    forgotten = []
    monkeypatch.setattr("web.page_cache.forget_paths", lambda paths: forgotten.extend(paths))
    with (
        time_machine.travel(NOW, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        cast_ballot(poll, anonymous(), inputs(valid_answers(poll)))
    assert forgotten == [page.url]
