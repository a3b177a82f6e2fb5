"""The figures of the dashboard and the report, read from the rollups by SQL aggregates.

``figures_for(FigureFilter(...))`` returns plain dataclasses: the same
figures feed the admin dashboard, its CSV/XLSX export and the public report.
Projects by status and the moderation queue are counted live (they are
"now", and the tables they read are small or indexed); everything else comes
from ``figures.models`` as of the last refresh (``refreshed_at``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from comments.models import Comment, CommentState, Report
from figures.models.rollups import (
    COUNTERS,
    DailyFigure,
    MonthlyParticipants,
    ResponseTime,
    RollupRun,
)
from pages.models import ProjectPage
from pages.permissions import pages_outside_every_site
from pages.status import ProjectStatus

BALLOT_KINDS = (
    ("ballots_registered", _("Signed in")),
    ("ballots_browser", _("Without an account, one per browser")),
    ("ballots_network", _("Without an account, limited per network")),
    ("ballots_staff", _("Staff (internal pre-votes)")),
)


@dataclass(frozen=True)
class FigureFilter:
    """Which figures: ``department_ids`` None for the whole city (descendants already included)."""

    department_ids: frozenset[int] | None = None
    start: date | None = None
    end: date | None = None
    project_id: int | None = None
    # Public pages count only live projects without view restrictions, and no staff polls.
    public_only: bool = False


@dataclass(frozen=True)
class MonthFigures:
    month: date
    comments: int
    supports: int
    ballots: int
    participants: int


@dataclass(frozen=True)
class Moderation:
    reports: int
    removals: int
    decisions: int
    median_decision_seconds: float | None
    waiting: int | None  # now: pending or hidden comments and published ones with open reports


@dataclass(frozen=True)
class Figures:
    filter: FigureFilter
    refreshed_at: datetime | None
    statuses: list[tuple[str, str, int]]
    months: list[MonthFigures]
    totals: dict[str, int]
    participants: int
    answered_share: float | None
    median_answer_seconds: float | None
    moderation: Moderation
    ballots_by_kind: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def ballots(self) -> int:
        return sum(count for _key, _label, count in self.ballots_by_kind)


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont``; other databases take the Python path in ``median_of``."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median_of(queryset, column: str) -> float | None:
    if connection.vendor == "postgresql":
        return queryset.aggregate(median=Median(column))["median"]
    values = list(queryset.values_list(column, flat=True))
    return float(statistics.median(values)) if values else None


def public_page_ids():
    return Page.objects.live().public().values("pk")


def scoped(queryset, figure_filter: FigureFilter, day_field: str = "day"):
    """The rollup rows the filter selects."""
    if figure_filter.department_ids is not None:
        queryset = queryset.filter(department_id__in=figure_filter.department_ids)
    if figure_filter.project_id is not None:
        queryset = queryset.filter(page_id=figure_filter.project_id)
    if figure_filter.start:
        queryset = queryset.filter(**{f"{day_field}__gte": figure_filter.start})
    if figure_filter.end:
        queryset = queryset.filter(**{f"{day_field}__lte": figure_filter.end})
    if figure_filter.public_only:
        queryset = queryset.filter(page_id__in=public_page_ids())
    return queryset


def month_start(day: date | None) -> date | None:
    return day.replace(day=1) if day else None


def project_statuses(figure_filter: FigureFilter) -> list[tuple[str, str, int]]:
    # The practice area (served by no Site) is training, not participation.
    projects = ProjectPage.objects.exclude(pk__in=pages_outside_every_site())
    if figure_filter.public_only:
        projects = projects.live().public()
    if figure_filter.department_ids is not None:
        projects = projects.filter(department_id__in=figure_filter.department_ids)
    if figure_filter.project_id is not None:
        projects = projects.filter(pk=figure_filter.project_id)
    counts = dict(
        projects.annotate_status()
        .values_list("derived_status")
        .annotate(count=Count("pk"))
        .values_list("derived_status", "count")
        .order_by()
    )
    return [(status.value, status.label, counts.get(status.value, 0)) for status in ProjectStatus]


def daily_totals(figure_filter: FigureFilter) -> tuple[list[dict], dict[str, int]]:
    rows = scoped(DailyFigure.objects.all(), figure_filter)
    if figure_filter.public_only:
        rows = rows.filter(staff_only=False)
    per_month = list(
        rows.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**{name: Sum(name) for name in COUNTERS})
        .order_by("month")
    )
    totals = {name: sum(row[name] or 0 for row in per_month) for name in COUNTERS}
    return per_month, totals


def participants_per_month(figure_filter: FigureFilter) -> dict[date, int]:
    """Distinct per project and month, summed: whole months, as distinct counts do not add up."""
    wide = FigureFilter(
        department_ids=figure_filter.department_ids,
        start=month_start(figure_filter.start),
        end=figure_filter.end,
        project_id=figure_filter.project_id,
        public_only=figure_filter.public_only,
    )
    rows = scoped(MonthlyParticipants.objects.all(), wide, day_field="month")
    return {
        as_date(month): total or 0
        for month, total in rows.values_list("month").annotate(total=Sum("participants")).order_by()
    }


def moderation_figures(figure_filter: FigureFilter, totals: dict[str, int]) -> Moderation:
    decisions = scoped(ResponseTime.objects.filter(kind=ResponseTime.Kind.DECISION), figure_filter)
    waiting = None
    if not figure_filter.public_only:
        waiting = waiting_for_moderation(figure_filter)
    return Moderation(
        reports=totals["reports"],
        removals=totals["removals"],
        decisions=decisions.count(),
        median_decision_seconds=median_of(decisions, "seconds"),
        waiting=waiting,
    )


def waiting_for_moderation(figure_filter: FigureFilter) -> int:
    """Now: pending or hidden comments, and published ones with open reports.

    Two counts, not one OR over the comments: the first reads the index on
    the state, the second starts from the open reports.
    """
    scope = {}
    if figure_filter.department_ids is not None:
        scope["page__projectpage__department_id__in"] = figure_filter.department_ids
    if figure_filter.project_id is not None:
        scope["page_id"] = figure_filter.project_id
    practice = pages_outside_every_site()
    held = (
        Comment.objects.filter(state__in=[CommentState.PENDING, CommentState.HIDDEN], **scope)
        .exclude(page_id__in=practice)
        .count()
    )
    # The open reports are a work list (few rows): their comments are looked up by key,
    # where a join would let the planner scan every comment.
    open_reports = set(Report.objects.filter(resolved=False).values_list("comment_id", flat=True))
    reported = (
        Comment.objects.filter(pk__in=open_reports, state=CommentState.PUBLISHED, **scope)
        .exclude(page_id__in=practice)
        .count()
    )
    return held + reported


def as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def refreshed_at() -> datetime | None:
    run = RollupRun.objects.order_by("-finished_at").first()
    return run.finished_at if run else None


def figures_for(figure_filter: FigureFilter) -> Figures:
    per_month, totals = daily_totals(figure_filter)
    participants = participants_per_month(figure_filter)
    months = sorted({as_date(row["month"]) for row in per_month} | set(participants))
    by_month = {as_date(row["month"]): row for row in per_month}
    month_rows = []
    for month in months:
        row = by_month.get(month, {})
        month_rows.append(
            MonthFigures(
                month=month,
                comments=row.get("comments") or 0,
                supports=row.get("supports") or 0,
                ballots=sum(row.get(key) or 0 for key, _label in BALLOT_KINDS),
                participants=participants.get(month, 0),
            )
        )
    answers = scoped(ResponseTime.objects.filter(kind=ResponseTime.Kind.ANSWER), figure_filter)
    ballot_kinds = BALLOT_KINDS[:3] if figure_filter.public_only else BALLOT_KINDS
    return Figures(
        filter=figure_filter,
        refreshed_at=refreshed_at(),
        statuses=project_statuses(figure_filter),
        months=month_rows,
        totals=totals,
        participants=sum(participants.values()),
        answered_share=(totals["answered"] / totals["comments"]) if totals["comments"] else None,
        median_answer_seconds=median_of(answers, "seconds"),
        moderation=moderation_figures(figure_filter, totals),
        ballots_by_kind=[(key, str(label), totals[key]) for key, label in ballot_kinds],
    )
