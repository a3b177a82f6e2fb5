"""Due jobs run once, on their interval; a failing job is recorded and the others still run."""

import datetime

import pytest
from django.utils import timezone

from scheduling.models import PeriodicJob
from scheduling.runner import run_due_jobs, run_job

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

pytestmark = pytest.mark.django_db


def test_a_new_job_is_due_at_once_and_then_after_its_interval(jobs):
    calls = []
    jobs.register("test.count", DAY, lambda: calls.append(1))
    start = timezone.now()

    assert run_due_jobs(now=start) == ["test.count"]
    assert run_due_jobs(now=start + HOUR) == []
    assert run_due_jobs(now=start + DAY - datetime.timedelta(seconds=1)) == []
    assert run_due_jobs(now=start + DAY) == ["test.count"]

    assert len(calls) == 2
    row = PeriodicJob.objects.get(name="test.count")
    assert row.next_run_at == start + 2 * DAY
    assert row.last_started_at == start + DAY
    assert row.last_finished_at >= row.last_started_at
    assert row.last_error == ""
    assert row.running_until is None
    assert row.last_duration is not None


def test_a_failing_job_is_recorded_and_the_others_still_run(jobs):
    ran = []

    def broken():
        raise RuntimeError("the disk is full")

    jobs.register("test.first", HOUR, lambda: ran.append("first"))
    jobs.register("test.broken", HOUR, broken)
    jobs.register("test.last", HOUR, lambda: ran.append("last"))
    start = timezone.now()

    assert run_due_jobs(now=start) == ["test.first", "test.broken", "test.last"]

    assert ran == ["first", "last"]
    broken_row = PeriodicJob.objects.get(name="test.broken")
    assert "RuntimeError: the disk is full" in broken_row.last_error
    assert broken_row.succeeded is False
    # A failed job waits for its next turn like any other: no retry storm.
    assert broken_row.next_run_at == start + HOUR
    assert broken_row.running_until is None
    assert PeriodicJob.objects.get(name="test.last").succeeded is True


def test_a_failing_database_statement_does_not_spoil_the_others(jobs):
    from django.db import connection

    def bad_sql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    jobs.register("test.bad_sql", HOUR, bad_sql)
    jobs.register("test.after", HOUR, lambda: PeriodicJob.objects.count())

    assert run_due_jobs() == ["test.bad_sql", "test.after"]
    assert "no_such_table" in PeriodicJob.objects.get(name="test.bad_sql").last_error
    assert PeriodicJob.objects.get(name="test.after").succeeded is True


def test_a_job_claimed_by_another_worker_is_skipped_until_its_lease_ends(jobs, settings):
    calls = []
    jobs.register("test.leased", HOUR, lambda: calls.append(1))
    start = timezone.now()
    # Another worker claimed it and is still running it (or died doing so).
    PeriodicJob.objects.create(
        name="test.leased", next_run_at=start, running_until=start + datetime.timedelta(minutes=5)
    )

    assert run_due_jobs(now=start) == []
    assert run_job(jobs.get_job("test.leased"), now=start, force=True) is None
    assert run_due_jobs(now=start + datetime.timedelta(minutes=6)) == ["test.leased"]
    assert calls == [1]


def test_a_forced_run_ignores_the_schedule(jobs):
    calls = []
    jobs.register("test.forced", DAY, lambda: calls.append(1))
    start = timezone.now()
    run_due_jobs(now=start)

    row = run_job(jobs.get_job("test.forced"), now=start + HOUR, force=True)

    assert row is not None and row.last_error == ""
    assert calls == [1, 1]
    assert PeriodicJob.objects.get(name="test.forced").next_run_at == start + HOUR + DAY


def test_registering_a_name_twice_is_a_mistake(jobs):
    jobs.register("test.once", DAY, lambda: None)
    with pytest.raises(ValueError, match="already registered"):
        jobs.register("test.once", DAY, lambda: None)
    with pytest.raises(ValueError, match="positive interval"):
        jobs.register("test.never", datetime.timedelta(0), lambda: None)
