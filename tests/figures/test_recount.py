"""The dashboard's figures equal a recount in plain Python, for several filters."""

import datetime

import pytest

from departments.models import Department
from figures.queries import FigureFilter, figures_for
from tests.figures.recount import Recount, median


def filters(world):
    units = world.departments
    projects = world.projects
    return [
        FigureFilter(),
        FigureFilter(department_ids=frozenset(Department.objects.family_ids(units["dezernat"]))),
        FigureFilter(department_ids=frozenset(Department.objects.family_ids(units["mobility"]))),
        FigureFilter(department_ids=frozenset([units["green"].pk])),
        FigureFilter(start=datetime.date(2026, 3, 10), end=datetime.date(2026, 7, 20)),
        FigureFilter(project_id=projects["radweg"].pk),
        FigureFilter(
            department_ids=frozenset(Department.objects.family_ids(units["mobility"])),
            start=datetime.date(2026, 2, 1),
            end=datetime.date(2026, 6, 30),
        ),
        FigureFilter(
            public_only=True, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
        ),
        FigureFilter(public_only=True, project_id=projects["plan"].pk),
    ]


@pytest.mark.django_db
def test_figures_equal_a_recount(world):
    for figure_filter in filters(world):
        figures = figures_for(figure_filter)
        recount = Recount(figure_filter)
        months = recount.months()
        assert {
            row.month: {
                key: value
                for key, value in (
                    ("comments", row.comments),
                    ("supports", row.supports),
                    ("ballots", row.ballots),
                )
                if value
            }
            for row in figures.months
            if row.comments or row.supports or row.ballots
        } == months, figure_filter
        assert figures.totals["comments"] == sum(m.get("comments", 0) for m in months.values())
        kinds = recount.ballots_by_kind()
        assert {key: count for key, _label, count in figures.ballots_by_kind if count} == dict(
            kinds
        ), figure_filter
        answers = recount.answer_seconds()
        contributions = len(recount.contributions())
        expected_share = len(answers) / contributions if contributions else None
        assert figures.answered_share == pytest.approx(expected_share), figure_filter
        assert figures.median_answer_seconds == pytest.approx(median(answers)), figure_filter
        decisions = recount.decision_seconds()
        assert figures.moderation.decisions == len(decisions), figure_filter
        assert figures.moderation.median_decision_seconds == pytest.approx(median(decisions))
        assert figures.participants == recount.participants(), figure_filter
        assert {s: n for s, _label, n in figures.statuses if n} == dict(recount.statuses())
        if not figure_filter.public_only:
            assert figures.moderation.waiting == recount.waiting(), figure_filter


@pytest.mark.django_db
def test_the_data_is_varied_enough_to_tell(world):
    """The recount would miss little if the data had no answers, reports or ballot kinds."""
    figures = figures_for(FigureFilter())
    assert figures.totals["answered"] > 3
    assert figures.moderation.decisions > 3
    assert figures.moderation.waiting > 0
    assert all(count > 0 for _key, _label, count in figures.ballots_by_kind)
    assert len(figures.months) >= 6
    assert (
        figures.totals["comments"] > figures_for(FigureFilter(public_only=True)).totals["comments"]
    )


@pytest.mark.django_db
def test_private_and_offline_projects_count_on_no_public_page(world):
    for name in ("plan", "offline"):
        project_id = world.projects[name].pk
        assert figures_for(FigureFilter(project_id=project_id)).totals["comments"] > 0
        public = figures_for(FigureFilter(project_id=project_id, public_only=True))
        assert public.totals["comments"] == 0
        assert public.participants == 0
        assert public.ballots == 0
        assert sum(count for *_status, count in public.statuses) == 0
