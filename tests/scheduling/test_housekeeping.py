"""The libraries' housekeeping jobs delete what is due and keep everything else."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scheduling import registry
from scheduling.periodic_jobs import (
    clear_expired_sessions,
    delete_unverified_signups,
    prune_task_results,
)
from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_housekeeping_jobs_are_registered_daily():
    names = {job.name: job.every for job in registry.jobs()}
    for name in (
        "sessions.clear_expired",
        "tasks.prune_results",
        "accounts.delete_unverified_signups",
    ):
        assert names[name] == timedelta(days=1)


def test_expired_sessions_are_deleted_and_live_ones_kept():
    now = timezone.now()
    Session.objects.create(session_key="old" + "x" * 29, session_data="", expire_date=now)
    Session.objects.create(
        session_key="live" + "x" * 28, session_data="", expire_date=now + timedelta(minutes=1)
    )

    clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live" + "x" * 28]


def task_result(status, finished_days_ago):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="search.tasks.process_search_outbox",
        queue_name="default",
        backend_name="default",
        run_after=now,
        finished_at=(
            None if finished_days_ago is None else now - timedelta(days=finished_days_ago)
        ),
        exception_class_path="",
        traceback="",
    )


def test_finished_task_results_are_pruned_after_the_retention_period(settings):
    settings.PORTAL_RETENTION = {**settings.PORTAL_RETENTION, "task_results": timedelta(days=14)}
    old_success = task_result(TaskResultStatus.SUCCESSFUL, 15)
    old_failure = task_result(TaskResultStatus.FAILED, 15)
    recent = task_result(TaskResultStatus.SUCCESSFUL, 13)
    waiting = task_result(TaskResultStatus.READY, None)

    assert prune_task_results() == 2

    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, waiting.pk}
    assert old_success.pk not in remaining and old_failure.pk not in remaining


def test_unconfirmed_signups_are_deleted_after_the_retention_period(settings):
    settings.PORTAL_RETENTION = {
        **settings.PORTAL_RETENTION,
        "unverified_signups": timedelta(days=30),
    }
    long_ago = timezone.now() - timedelta(days=31)
    with time_machine.travel(long_ago, tick=False):
        forgotten = UserFactory(verified=False)
        confirmed = UserFactory()
        used = UserFactory(verified=False)
        staff = StaffUserFactory(verified=False)
        made_by_admin = UserFactory(verified=False)
    used.last_login = long_ago
    used.save(update_fields=["last_login"])
    EmailAddress.objects.filter(user=made_by_admin).delete()
    recent = UserFactory(verified=False)

    assert delete_unverified_signups() == 1

    remaining = set(get_user_model().objects.values_list("pk", flat=True))
    assert forgotten.pk not in remaining
    assert {confirmed.pk, used.pk, staff.pk, made_by_admin.pk, recent.pk} <= remaining
