"""A project's status and current phase follow from its phase dates, in Python and in SQL."""

import datetime

import pytest
import time_machine

from pages.models import ProjectPage
from pages.status import ProjectStatus, derive_status
from tests.factories import ProjectPageFactory, ProjectPhaseFactory

D = datetime.date


def timeline(project):
    """Information phase, two participation rounds with a gap, then evaluation."""
    ProjectPhaseFactory(
        page=project,
        title="Information",
        start_date=D(2026, 3, 1),
        end_date=D(2026, 3, 9),
        allows_participation=False,
    )
    ProjectPhaseFactory(
        page=project, title="Runde 1", start_date=D(2026, 3, 10), end_date=D(2026, 3, 20)
    )
    ProjectPhaseFactory(
        page=project, title="Runde 2", start_date=D(2026, 4, 1), end_date=D(2026, 4, 10)
    )
    ProjectPhaseFactory(
        page=project,
        title="Auswertung",
        start_date=D(2026, 4, 11),
        end_date=D(2026, 4, 30),
        allows_participation=False,
    )


EXPECTED = [
    (D(2026, 2, 28), ProjectStatus.UPCOMING, None),
    (D(2026, 3, 1), ProjectStatus.UPCOMING, "Information"),
    (D(2026, 3, 9), ProjectStatus.UPCOMING, "Information"),
    (D(2026, 3, 10), ProjectStatus.OPEN, "Runde 1"),
    (D(2026, 3, 20), ProjectStatus.OPEN, "Runde 1"),
    (D(2026, 3, 21), ProjectStatus.EVALUATION, None),
    (D(2026, 4, 1), ProjectStatus.OPEN, "Runde 2"),
    (D(2026, 4, 11), ProjectStatus.EVALUATION, "Auswertung"),
    (D(2026, 4, 30), ProjectStatus.EVALUATION, "Auswertung"),
    (D(2026, 5, 1), ProjectStatus.FINISHED, None),
]


@pytest.mark.parametrize(("today", "status", "phase_title"), EXPECTED)
def test_status_and_current_phase_follow_the_dates(project_index, today, status, phase_title):
    project = ProjectPageFactory(parent=project_index)
    timeline(project)
    # Local noon, so that the date is the same in UTC and Europe/Berlin.
    with time_machine.travel(datetime.datetime(today.year, today.month, today.day, 12), tick=False):
        project = ProjectPage.objects.get(pk=project.pk)
        assert project.status == status
        current = project.current_phase
        assert (current.title if current else None) == phase_title


def test_local_date_decides_not_utc(project_index):
    """Just after midnight in Berlin it is still the previous day in UTC."""
    project = ProjectPageFactory(parent=project_index)
    ProjectPhaseFactory(page=project, start_date=D(2026, 3, 10), end_date=D(2026, 3, 20))
    just_after_midnight_berlin = datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(just_after_midnight_berlin, tick=False):
        assert ProjectPage.objects.get(pk=project.pk).status == ProjectStatus.OPEN


def test_project_without_phases_is_upcoming(project_index):
    project = ProjectPageFactory(parent=project_index)
    assert project.status == ProjectStatus.UPCOMING
    assert project.current_phase is None
    annotated = ProjectPage.objects.annotate_status().get(pk=project.pk)
    assert annotated.derived_status == ProjectStatus.UPCOMING


def test_information_only_project_is_evaluation_once_started():
    """Without participation phases, the first phase's start counts."""

    class Phase:
        def __init__(self, start, end):
            self.start_date, self.end_date, self.allows_participation = start, end, False

    phases = [Phase(D(2026, 1, 1), D(2026, 1, 31))]
    assert derive_status(phases, D(2025, 12, 31)) == ProjectStatus.UPCOMING
    assert derive_status(phases, D(2026, 1, 15)) == ProjectStatus.EVALUATION
    assert derive_status(phases, D(2026, 2, 1)) == ProjectStatus.FINISHED


def test_sql_annotation_agrees_with_python_on_every_day(project_index):
    """The list filter (SQL) and the page (Python) must never disagree."""
    project = ProjectPageFactory(parent=project_index)
    timeline(project)
    other = ProjectPageFactory(parent=project_index)
    ProjectPhaseFactory(page=other, start_date=D(2026, 3, 15), end_date=D(2026, 4, 15))
    projects = list(
        ProjectPage.objects.filter(pk__in=[project.pk, other.pk]).prefetch_related("phases")
    )

    day = D(2026, 2, 25)
    while day <= D(2026, 5, 5):
        annotated = dict(
            ProjectPage.objects.filter(pk__in=[project.pk, other.pk])
            .annotate_status(today=day)
            .values_list("pk", "derived_status")
        )
        for page in projects:
            assert annotated[page.pk] == derive_status(page.phases.all(), day), (page, day)
        day += datetime.timedelta(days=1)


def test_status_filter_and_ordering(project_index):
    upcoming = ProjectPageFactory(parent=project_index, title="Bald")
    ProjectPhaseFactory(page=upcoming, start_date=D(2026, 6, 1), end_date=D(2026, 6, 30))
    open_ = ProjectPageFactory(parent=project_index, title="Offen")
    ProjectPhaseFactory(page=open_, start_date=D(2026, 3, 1), end_date=D(2026, 3, 31))
    finished = ProjectPageFactory(parent=project_index, title="Fertig")
    ProjectPhaseFactory(page=finished, start_date=D(2025, 3, 1), end_date=D(2025, 3, 31))
    today = D(2026, 3, 15)

    open_ids = ProjectPage.objects.with_status(ProjectStatus.OPEN, today=today).values_list(
        "pk", flat=True
    )
    assert list(open_ids) == [open_.pk]
    ordered = (
        ProjectPage.objects.annotate_status(today=today)
        .order_by("status_rank")
        .values_list("title", flat=True)
    )
    assert list(ordered) == ["Offen", "Bald", "Fertig"]
