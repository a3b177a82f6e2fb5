"""The calendar's events: recorded once however often the hourly job runs."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageViewRestriction

from notifications.models import Event, EventKind, Notification
from notifications.schedule import record_scheduled_events
from polls.models import PollPlacement, ResultsVisibility
from tests.factories import ProjectPhaseFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 0))


@pytest.fixture
def phases(project):
    project.phases.all().delete()  # the fixture's phase runs around the real today
    today = NOW.date()
    return {
        "starting": ProjectPhaseFactory(
            page=project, start_date=today, end_date=today + datetime.timedelta(days=20)
        ),
        "ending": ProjectPhaseFactory(
            page=project,
            start_date=today - datetime.timedelta(days=30),
            end_date=today + datetime.timedelta(days=2),
        ),
        "later": ProjectPhaseFactory(
            page=project,
            start_date=today + datetime.timedelta(days=1),
            end_date=today + datetime.timedelta(days=9),
        ),
    }


@pytest.fixture
def poll(project):
    from polls.models import Poll

    poll = Poll.objects.create(
        title="Welche Route?",
        opens_at=NOW - datetime.timedelta(hours=2),
        closes_at=NOW + datetime.timedelta(days=5),
        results_visibility=ResultsVisibility.AFTER_CLOSE,
    )
    PollPlacement.objects.create(poll=poll, page=project)
    return poll


def test_each_once_however_often_the_job_runs(project, phases, poll, follower):
    with time_machine.travel(NOW, tick=False):
        assert record_scheduled_events() == 3
        assert record_scheduled_events() == 0
    kinds = sorted(Event.objects.values_list("kind", "key"))
    assert kinds == sorted(
        [
            (EventKind.PHASE_ENDING, f"phase_ending:{phases['ending'].pk}:2026-12-12"),
            (EventKind.PHASE_STARTED, f"phase_started:{phases['starting'].pk}:2026-12-10"),
            (
                EventKind.POLL_OPENED,
                f"poll_opened:{poll.pk}:{project.pk}:{poll.opens_at.astimezone(datetime.UTC).isoformat()}",
            ),
        ]
    )
    # Results come when the poll has closed, once.
    with time_machine.travel(poll.closes_at + datetime.timedelta(hours=1), tick=False):
        record_scheduled_events()
        record_scheduled_events()
    assert Event.objects.filter(kind=EventKind.RESULTS_PUBLISHED).count() == 1


def test_fan_out_follows_on_commit(project, phases, follower, on_commit):
    with time_machine.travel(NOW, tick=False), on_commit():
        record_scheduled_events()
    assert Notification.objects.filter(user=follower).count() == 2


def test_restricted_projects_record_nothing(project, phases, poll):
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    with time_machine.travel(NOW, tick=False):
        assert record_scheduled_events() == 0
