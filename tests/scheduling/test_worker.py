"""``manage.py worker``: the task queue and the periodic jobs in one real process."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scheduling.management.commands.worker import PeriodicJobsThread
from scheduling.models import PeriodicJob

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def production_env() -> dict:
    """The worker as docker-compose runs it (production settings), on the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "worker-test-key-" + "x" * 50,
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "ALLOWED_HOSTS": "localhost",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
        "EMAIL_HOST": "localhost",
        "CACHE_KEY_PREFIX": "portal-test-worker",
        "ELASTICSEARCH_URL": "",
    }


def wait_for(process, condition, timeout=60.0):
    """Whether ``condition()`` came true while ``process`` still ran."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks_and_due_jobs_and_stops_on_sigterm():
    now = timezone.now()
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=now - timedelta(1))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=now + timedelta(1))
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="search.tasks.process_search_outbox",
        queue_name="default",
        backend_name="default",
        run_after=now - timedelta(seconds=1),
        exception_class_path="",
        traceback="",
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "worker",
            "--tick",
            "0.2",
            "--interval",
            "0.2",
            "--no-reload",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=production_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ran = wait_for(
            worker,
            lambda: (
                PeriodicJob.objects.filter(
                    name="sessions.clear_expired", last_finished_at__isnull=False
                ).exists()
                and DBTaskResult.objects.filter(
                    pk=task.pk, status=TaskResultStatus.SUCCESSFUL
                ).exists()
            ),
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ignored = worker.communicate(timeout=30)
    assert ran, output
    assert worker.returncode == 0, output
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert PeriodicJob.objects.get(name="sessions.clear_expired").last_error == ""


@pytest.mark.django_db(transaction=True)
def test_stopping_the_worker_waits_for_the_running_job(jobs):
    started = threading.Event()

    def slow_job():
        started.set()
        time.sleep(0.5)

    jobs.register("test.slow", timedelta(hours=1), slow_job)
    thread = PeriodicJobsThread(tick=0.1)
    thread.start()
    assert started.wait(10)

    thread.stop()

    assert not thread.is_alive()
    row = PeriodicJob.objects.get(name="test.slow")
    assert row.last_finished_at is not None
    assert row.running_until is None
