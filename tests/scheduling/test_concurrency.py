"""Two workers that look for due jobs at the same moment run a job exactly once."""

import threading
import time
from datetime import timedelta

import pytest

from scheduling.models import PeriodicJob
from scheduling.runner import run_due_jobs
from tests.concurrency import run_together


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("runners", [2, 8])
def test_concurrent_runners_run_a_due_job_exactly_once(jobs, runners):
    calls = []
    lock = threading.Lock()

    def slow_job():
        with lock:
            calls.append(threading.get_ident())
        time.sleep(0.3)

    jobs.register("test.once_at_a_time", timedelta(hours=1), slow_job)
    # The row exists and is due, so every runner competes for the same claim.
    run_due_jobs()
    PeriodicJob.objects.update(next_run_at=PeriodicJob.objects.get().last_started_at)
    calls.clear()

    outcomes = run_together(runners, lambda index: run_due_jobs())

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert sorted(outcomes, key=len) == [[]] * (runners - 1) + [["test.once_at_a_time"]]
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_runners_create_the_row_of_a_new_job_once(jobs):
    calls = []
    jobs.register("test.brand_new", timedelta(hours=1), lambda: calls.append(1))

    outcomes = run_together(4, lambda index: run_due_jobs())

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert PeriodicJob.objects.filter(name="test.brand_new").count() == 1
    assert len(calls) == 1
