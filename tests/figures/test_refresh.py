"""The rollups are rebuilt by the hourly job and by ``refresh_figures``; a rebuild replaces them."""

import io

import pytest
from django.core.management import call_command

from comments.models import Comment, CommentState
from figures.models import DailyFigure, RollupRun
from figures.queries import FigureFilter, figures_for
from figures.rollup import refresh
from pages.models import ProjectPage
from scheduling.registry import autodiscover, get_job
from tests.factories import ProjectPageFactory
from training.practice import practice_pages, reset_practice_area


def test_the_hourly_job_rebuilds_the_rollups():
    autodiscover()
    job = get_job("figures.refresh")
    assert job.func is refresh
    assert job.every.total_seconds() == 3600


@pytest.mark.django_db
def test_the_command_rebuilds_and_a_rebuild_replaces(project_index):
    project = ProjectPageFactory(parent=project_index)
    Comment.objects.create(page=project, body="Mehr Bäume", anonymous_key="a" * 64)
    assert figures_for(FigureFilter()).refreshed_at is None
    output = io.StringIO()
    call_command("refresh_figures", stdout=output)
    assert "Figures refreshed" in output.getvalue()
    assert figures_for(FigureFilter()).totals["comments"] == 1
    Comment.objects.create(page=project, body="Und Bänke", anonymous_key="b" * 64)
    # Until the next rebuild the figures are those of the last one ("Stand").
    assert figures_for(FigureFilter()).totals["comments"] == 1
    refresh()
    figures = figures_for(FigureFilter())
    assert figures.totals["comments"] == 2
    assert figures.participants == 2
    assert DailyFigure.objects.count() == 1
    assert RollupRun.objects.count() == 1
    assert figures.refreshed_at == RollupRun.objects.get().finished_at


@pytest.mark.django_db
def test_the_practice_area_counts_nowhere(project_index):
    """Training is not participation: the practice area's projects, comments and ballots."""
    project = ProjectPageFactory(parent=project_index)
    Comment.objects.create(page=project, body="Mehr Bäume", anonymous_key="a" * 64)
    reset_practice_area()
    practice_project = practice_pages().type(ProjectPage).first()
    assert practice_project is not None
    practice_comments = Comment.objects.filter(page=practice_project)
    assert practice_comments.exists()
    Comment.objects.create(
        page=practice_project, body="Wartet", anonymous_key="c" * 64, state=CommentState.PENDING
    )
    refresh()
    figures = figures_for(FigureFilter())
    assert figures.totals["comments"] == 1
    assert figures.participants == 1
    assert sum(count for _value, _label, count in figures.statuses) == 1
    assert figures.moderation.waiting == 0
