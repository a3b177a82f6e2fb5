"""Rebuilds the figures' rollups from the comments, supports, reports and ballots.

A full rebuild in one transaction: the counters of a past day still change
(an old contribution gets its official answer, a comment is removed), and a
rebuild is simple to reason about. Grouping happens in the database; Python
only merges the grouped rows, maps poll and page ids to their department and
hashes signed-in authors to the participant key polls and supports use, so
that one person who comments and votes counts once.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from comments.models import (
    RETIRED_ANONYMOUS_KEY,
    Comment,
    CommentState,
    ModerationAction,
    ModerationLogEntry,
    Report,
    Support,
)
from figures.models.rollups import DailyFigure, MonthlyParticipants, ResponseTime, RollupRun
from pages.models import ProjectPage
from pages.permissions import outside_every_site_ids
from participation.participants import keyed_hash
from polls.models import AnonymousBallots, Audience, Ballot, Poll, PollPlacement, VoterKind

DECISIONS = [
    ModerationAction.APPROVE,
    ModerationAction.REJECT,
    ModerationAction.HIDE,
    ModerationAction.RESTORE,
    ModerationAction.REMOVE,
]
REMOVALS = [ModerationAction.REMOVE, ModerationAction.REJECT]
BATCH = 5000


class Places:
    """Which department a page belongs to, and where each poll is shown."""

    def __init__(self):
        # The practice area (training) is served by no Site: its projects are no participation.
        self.outside_sites = outside_every_site_ids()
        self.page_department = dict(ProjectPage.objects.values_list("pk", "department_id"))
        polls = {
            pk: (dept, audience)
            for pk, dept, audience in Poll.objects.values_list("pk", "department_id", "audience")
        }
        shown: dict[int, list[int]] = defaultdict(list)
        for poll_id, page_id in PollPlacement.objects.values_list("poll_id", "page_id"):
            shown[poll_id].append(page_id)
        self.poll_place: dict[int, tuple[int | None, int | None, bool]] = {}
        for poll_id, (department_id, audience) in polls.items():
            pages = sorted(shown.get(poll_id, ()))
            projects = [page for page in pages if page in self.page_department]
            page_id = (projects or pages or [None])[0]
            if page_id in self.page_department:
                department_id = self.page_department[page_id]
            self.poll_place[poll_id] = (page_id, department_id, audience == Audience.STAFF)

    def of_page(self, page_id):
        return self.page_department.get(page_id)


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def daily_rows(places: Places) -> dict[tuple, dict[str, int]]:
    rows: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(day, page_id, poll_id, counters, staff_only=False, department_id=None):
        if poll_id is None:
            department_id = places.of_page(page_id)
        row = rows[(day, page_id, poll_id, department_id, staff_only)]
        for name, value in counters.items():
            row[name] += value

    day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    comments = (
        Comment.objects.annotate(day=day)
        .values("page_id", "day")
        .annotate(
            contributions=Count("pk", filter=Q(is_official=False)),
            official=Count("pk", filter=Q(is_official=True)),
        )
        .order_by()
    )
    for row in comments:
        add(
            row["day"],
            row["page_id"],
            None,
            {"comments": row["contributions"], "official_answers": row["official"]},
        )
    for model, counter in ((Support, "supports"), (Report, "reports")):
        grouped = (
            model.objects.annotate(day=day)
            .values("comment__page_id", "day")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in grouped:
            add(row["day"], row["comment__page_id"], None, {counter: row["count"]})
    removals = (
        ModerationLogEntry.objects.filter(action__in=REMOVALS)
        .annotate(day=day)
        .values("comment__page_id", "day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in removals:
        add(row["day"], row["comment__page_id"], None, {"removals": row["count"]})
    anonymous = Q(voter_kind=VoterKind.ANONYMOUS)
    per_network = Q(poll__anonymous_ballots=AnonymousBallots.PER_NETWORK)
    ballots = (
        Ballot.objects.annotate(day=day)
        .values("poll_id", "day")
        .annotate(
            registered=Count("pk", filter=Q(voter_kind=VoterKind.REGISTERED)),
            staff=Count("pk", filter=Q(voter_kind=VoterKind.STAFF)),
            browser=Count("pk", filter=anonymous & ~per_network),
            network=Count("pk", filter=anonymous & per_network),
        )
        .order_by()
    )
    for row in ballots:
        page_id, department_id, staff_only = places.poll_place[row["poll_id"]]
        counters = {
            "ballots_registered": row["registered"],
            "ballots_staff": row["staff"],
            "ballots_browser": row["browser"],
            "ballots_network": row["network"],
        }
        add(row["day"], page_id, row["poll_id"], counters, staff_only, department_id)
    return rows


def answer_times(places: Places, rows) -> list[ResponseTime]:
    """Contributions answered officially: a reply to them, or anywhere in the thread they open."""
    first_answer: dict[int, datetime] = {}
    official = Comment.objects.filter(is_official=True, parent__isnull=False)
    for parent_id, root_id, created_at in official.values_list(
        "parent_id", "root_id", "created_at"
    ):
        for target in {parent_id, root_id}:
            if target not in first_answer or created_at < first_answer[target]:
                first_answer[target] = created_at
    answered = Comment.objects.filter(pk__in=list(first_answer), is_official=False)
    times = []
    for pk, page_id, created_at in answered.values_list("pk", "page_id", "created_at").iterator():
        day = local_day(created_at)
        department_id = places.of_page(page_id)
        rows[(day, page_id, None, department_id, False)]["answered"] += 1
        seconds = max(0, int((first_answer[pk] - created_at).total_seconds()))
        times.append(
            ResponseTime(
                kind=ResponseTime.Kind.ANSWER,
                day=day,
                page_id=page_id,
                department_id=department_id,
                seconds=seconds,
            )
        )
    return times


def decision_times(places: Places) -> list[ResponseTime]:
    """From the first report (or, for a comment awaiting approval, its submission) to a decision."""
    first_report = dict(
        Report.objects.values("comment_id")
        .annotate(first=Min("created_at"))
        .values_list("comment_id", "first")
    )
    decisions = (
        ModerationLogEntry.objects.filter(action__in=DECISIONS, moderator__isnull=False)
        .order_by("comment_id", "created_at", "pk")
        .values_list(
            "comment_id", "created_at", "from_state", "comment__created_at", "comment__page_id"
        )
    )
    times, seen = [], set()
    for comment_id, decided_at, from_state, written_at, page_id in decisions.iterator():
        if comment_id in seen:
            continue
        seen.add(comment_id)
        asked_at = (
            written_at if from_state == CommentState.PENDING else first_report.get(comment_id)
        )
        if asked_at is None or asked_at > decided_at:
            continue
        times.append(
            ResponseTime(
                kind=ResponseTime.Kind.DECISION,
                day=local_day(asked_at),
                page_id=page_id,
                department_id=places.of_page(page_id),
                seconds=int((decided_at - asked_at).total_seconds()),
            )
        )
    return times


def participant_rows(places: Places) -> list[MonthlyParticipants]:
    """Distinct pseudonymous keys per page and month; staff pre-votes are no participation."""
    month = TruncMonth("created_at", tzinfo=timezone.get_current_timezone())
    keys: dict[tuple, set[str]] = defaultdict(set)
    user_keys: dict[int, str] = {}
    comments = (
        Comment.objects.filter(is_official=False)
        .exclude(author__isnull=True, anonymous_key__in=["", RETIRED_ANONYMOUS_KEY])
        .annotate(month=month)
        .values_list("page_id", "month", "author_id", "anonymous_key")
        .distinct()
    )
    for page_id, start, author_id, anonymous_key in comments.iterator():
        if author_id is not None:
            if author_id not in user_keys:
                user_keys[author_id] = keyed_hash("participant", f"user:{author_id}")
            anonymous_key = user_keys[author_id]
        keys[(page_id, as_date(start))].add(anonymous_key)
    supports = (
        Support.objects.annotate(month=month)
        .values_list("comment__page_id", "month", "participant_key")
        .distinct()
    )
    for page_id, start, key in supports.iterator():
        keys[(page_id, as_date(start))].add(key)
    ballots = (
        Ballot.objects.exclude(poll__audience=Audience.STAFF)
        .annotate(month=month)
        .values_list("poll_id", "month", "participant_key")
        .distinct()
    )
    for poll_id, start, key in ballots.iterator():
        keys[(places.poll_place[poll_id][0], as_date(start))].add(key)
    return [
        MonthlyParticipants(
            month=start,
            page_id=page_id,
            department_id=places.of_page(page_id),
            participants=len(members),
        )
        for (page_id, start), members in keys.items()
    ]


def as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def refresh() -> RollupRun:
    """Rebuilds every rollup; readers see the old figures until the new ones are committed."""
    started = time.monotonic()
    places = Places()
    rows = daily_rows(places)
    times = answer_times(places, rows)
    times += decision_times(places)
    participants = participant_rows(places)
    times = [time for time in times if time.page_id not in places.outside_sites]
    participants = [row for row in participants if row.page_id not in places.outside_sites]
    rows = {key: counters for key, counters in rows.items() if key[1] not in places.outside_sites}
    figures = [
        DailyFigure(
            day=day,
            page_id=page_id,
            poll_id=poll_id,
            department_id=department_id,
            staff_only=staff_only,
            **counters,
        )
        for (day, page_id, poll_id, department_id, staff_only), counters in rows.items()
    ]
    with transaction.atomic():
        DailyFigure.objects.all().delete()
        ResponseTime.objects.all().delete()
        MonthlyParticipants.objects.all().delete()
        DailyFigure.objects.bulk_create(figures, batch_size=BATCH)
        ResponseTime.objects.bulk_create(times, batch_size=BATCH)
        MonthlyParticipants.objects.bulk_create(participants, batch_size=BATCH)
        run = RollupRun.objects.create(
            finished_at=timezone.now(), seconds=time.monotonic() - started
        )
        RollupRun.objects.filter(finished_at__lt=run.finished_at).delete()
    return run
