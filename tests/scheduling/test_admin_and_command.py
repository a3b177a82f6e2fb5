"""Operators see the jobs under Settings (read-only) and can run one from the command line."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from scheduling.models import PeriodicJob
from scheduling.runner import run_due_jobs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def broken():
    raise ValueError("no connection to the mail server")


@pytest.fixture
def two_jobs(jobs):
    jobs.register("test.fine", timedelta(days=1), lambda: None, description="Does fine things.")
    jobs.register("test.broken", timedelta(hours=1), broken)
    run_due_jobs()
    return jobs


def test_the_settings_menu_lists_each_job_with_its_last_run_and_error(client, editor, two_jobs):
    client.force_login(editor)

    response = client.get(reverse("periodic_jobs:index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "test.fine" in html and "Does fine things." in html
    assert "test.broken" in html
    assert "ValueError: no connection to the mail server" in html
    assert reverse("periodic_jobs:index") in client.get(reverse("wagtailadmin_home")).text
    # Nothing to add, edit or delete.
    assert "/periodic-jobs/new/" not in html
    assert "/periodic-jobs/edit/" not in html


def test_only_those_allowed_to_see_the_jobs_see_them(client, two_jobs):
    staff = UserFactory(is_staff=False)
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    staff.groups.add(group)
    client.force_login(staff)
    assert client.get(reverse("periodic_jobs:index")).status_code in (302, 403)

    group.permissions.add(Permission.objects.get(codename="view_periodicjob"))
    assert client.get(reverse("periodic_jobs:index")).status_code == 200


def test_run_periodic_jobs_once_runs_what_is_due(two_jobs):
    PeriodicJob.objects.all().delete()
    out = StringIO()

    call_command("run_periodic_jobs", "--once", stdout=out)

    assert "ran test.fine" in out.getvalue()
    assert set(PeriodicJob.objects.values_list("name", flat=True)) == {"test.fine", "test.broken"}
    call_command("run_periodic_jobs", "--once", stdout=(second := StringIO()))
    assert second.getvalue() == ""


def test_run_periodic_jobs_job_forces_one_and_reports_its_failure(two_jobs):
    out = StringIO()
    call_command("run_periodic_jobs", "--job", "test.fine", stdout=out)
    assert "ran test.fine" in out.getvalue()

    with pytest.raises(CommandError, match="no connection to the mail server"):
        call_command("run_periodic_jobs", "--job", "test.broken")
    with pytest.raises(CommandError, match="No periodic job named 'test\\.nope'"):
        call_command("run_periodic_jobs", "--job", "test.nope")
