"""The figures recounted in plain Python from the ORM rows, to compare with the SQL figures."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from django.utils import timezone
from wagtail.models import Page

from comments.models import Comment, CommentState, ModerationLogEntry, Report, Support
from pages.models import ProjectPage
from pages.status import derive_status
from participation.participants import keyed_hash
from polls.models import Ballot, PollPlacement

DECISIONS = {"approve", "reject", "hide", "restore", "remove"}


def day_of(moment):
    return timezone.localtime(moment).date()


class Recount:
    def __init__(self, figure_filter):
        self.filter = figure_filter
        self.department = {p.pk: p.department_id for p in ProjectPage.objects.all()}
        self.public = set(Page.objects.live().public().values_list("pk", flat=True))
        self.poll_page = dict(PollPlacement.objects.values_list("poll_id", "page_id"))

    def page_in_scope(self, page_id, department_id) -> bool:
        f = self.filter
        if f.department_ids is not None and department_id not in f.department_ids:
            return False
        if f.project_id is not None and page_id != f.project_id:
            return False
        return not (f.public_only and page_id not in self.public)

    def comment_page_ok(self, page_id) -> bool:
        return self.page_in_scope(page_id, self.department.get(page_id))

    def day_ok(self, day) -> bool:
        f = self.filter
        return not ((f.start and day < f.start) or (f.end and day > f.end))

    def ballot_ok(self, ballot) -> bool:
        page_id = self.poll_page.get(ballot.poll_id)
        department_id = self.department.get(page_id, ballot.poll.department_id)
        if self.filter.public_only and ballot.poll.audience == "staff":
            return False
        return self.page_in_scope(page_id, department_id) and self.day_ok(day_of(ballot.created_at))

    def contributions(self):
        return [
            c
            for c in Comment.objects.filter(is_official=False)
            if self.comment_page_ok(c.page_id) and self.day_ok(day_of(c.created_at))
        ]

    def months(self) -> dict:
        counts = defaultdict(Counter)
        for comment in self.contributions():
            counts[day_of(comment.created_at).replace(day=1)]["comments"] += 1
        for support in Support.objects.select_related("comment"):
            day = day_of(support.created_at)
            if self.comment_page_ok(support.comment.page_id) and self.day_ok(day):
                counts[day.replace(day=1)]["supports"] += 1
        for ballot in Ballot.objects.select_related("poll"):
            if self.ballot_ok(ballot):
                counts[day_of(ballot.created_at).replace(day=1)]["ballots"] += 1
        return {month: dict(counter) for month, counter in counts.items()}

    def ballots_by_kind(self) -> Counter:
        kinds = Counter()
        for ballot in Ballot.objects.select_related("poll"):
            if not self.ballot_ok(ballot):
                continue
            if ballot.voter_kind == "anonymous":
                per_network = ballot.poll.anonymous_ballots == "per_network"
                kinds["ballots_network" if per_network else "ballots_browser"] += 1
            else:
                kinds[f"ballots_{ballot.voter_kind}"] += 1
        return kinds

    def answer_seconds(self) -> list[float]:
        official = list(Comment.objects.filter(is_official=True, parent__isnull=False))
        seconds = []
        for comment in self.contributions():
            answers = [
                o.created_at
                for o in official
                if o.parent_id == comment.pk or o.root_id == comment.pk
            ]
            if answers:
                seconds.append(int((min(answers) - comment.created_at).total_seconds()))
        return seconds

    def decision_seconds(self) -> list[int]:
        seconds = []
        for comment in Comment.objects.all():
            if not self.comment_page_ok(comment.page_id):
                continue
            entries = sorted(
                (
                    e
                    for e in ModerationLogEntry.objects.filter(comment=comment)
                    if e.action in DECISIONS and e.moderator_id
                ),
                key=lambda e: (e.created_at, e.pk),
            )
            if not entries:
                continue
            first = entries[0]
            if first.from_state == CommentState.PENDING:
                asked = comment.created_at
            else:
                reports = [r.created_at for r in Report.objects.filter(comment=comment)]
                asked = min(reports) if reports else None
            if asked is None or asked > first.created_at or not self.day_ok(day_of(asked)):
                continue
            seconds.append(int((first.created_at - asked).total_seconds()))
        return seconds

    def participants(self) -> int:
        """Distinct keys per page and month, summed; whole months touched by the period."""
        start = self.filter.start.replace(day=1) if self.filter.start else None
        keys = defaultdict(set)

        def ok(day):
            month = day.replace(day=1)
            return not ((start and month < start) or (self.filter.end and month > self.filter.end))

        for c in Comment.objects.filter(is_official=False):
            day = day_of(c.created_at)
            if self.comment_page_ok(c.page_id) and ok(day):
                key = (
                    keyed_hash("participant", f"user:{c.author_id}")
                    if c.author_id
                    else c.anonymous_key
                )
                keys[(c.page_id, day.replace(day=1))].add(key)
        for s in Support.objects.select_related("comment"):
            day = day_of(s.created_at)
            if self.comment_page_ok(s.comment.page_id) and ok(day):
                keys[(s.comment.page_id, day.replace(day=1))].add(s.participant_key)
        for b in Ballot.objects.select_related("poll").exclude(poll__audience="staff"):
            day = day_of(b.created_at)
            page_id = self.poll_page.get(b.poll_id)
            department_id = self.department.get(page_id, b.poll.department_id)
            if self.page_in_scope(page_id, department_id) and ok(day):
                keys[(page_id, day.replace(day=1))].add(b.participant_key)
        return sum(len(members) for members in keys.values())

    def statuses(self) -> Counter:
        today = timezone.localdate()
        projects = ProjectPage.objects.all()
        if self.filter.public_only:
            projects = projects.live().public()
        return Counter(
            derive_status(p.phases.all(), today).value
            for p in projects
            if (self.filter.department_ids is None or p.department_id in self.filter.department_ids)
            and (self.filter.project_id is None or p.pk == self.filter.project_id)
        )

    def waiting(self) -> int:
        open_reports = set(
            Report.objects.filter(resolved=False).values_list("comment_id", flat=True)
        )
        return sum(
            1
            for c in Comment.objects.all()
            if self.comment_page_ok(c.page_id)
            and (
                c.state in (CommentState.PENDING, CommentState.HIDDEN)
                or (c.state == CommentState.PUBLISHED and c.pk in open_reports)
            )
        )


def median(values):
    return float(statistics.median(values)) if values else None
