"""Events that come with the calendar.

The hourly job ``notifications.record_scheduled_events`` records them:
a phase started today, a phase ends within ``ENDING_DAYS``, a poll shown
on a project opened, a poll's results became public (results shown after
the close). Each has a key with the date it is about
(``phase_started:<phase>:<start date>``), so running the job again, or
twice at once, records nothing twice, and a phase moved to a new date is
announced again. Polls count when they opened or closed within
``LOOKBACK``: a job that missed some hours catches up, an old poll is not
announced when the job first runs. Only public projects produce events
(``notifications.sources``).
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.utils import timezone

from notifications import sources
from notifications.happenings import excerpt, record_event
from notifications.models import EventKind
from pages.models import ProjectPhase
from polls.models import Audience, Poll, PollApproval, ResultsVisibility
from polls.models.placements import PollPlacement

ENDING_DAYS = 3
LOOKBACK = timedelta(days=1)


def phase_events(today) -> int:
    public = sources.public_projects()
    recorded = 0
    starting = ProjectPhase.objects.filter(page__in=public, start_date=today)
    ending = ProjectPhase.objects.filter(
        page__in=public, end_date__gte=today, end_date__lte=today + timedelta(days=ENDING_DAYS)
    ).exclude(start_date=today)
    for kind, phases, day in (
        (EventKind.PHASE_STARTED, starting, "start_date"),
        (EventKind.PHASE_ENDING, ending, "end_date"),
    ):
        for phase in phases.select_related("page"):
            recorded += bool(
                record_event(
                    kind=kind,
                    key=f"{kind}:{phase.pk}:{getattr(phase, day).isoformat()}",
                    page=phase.page,
                    title=phase.title,
                    summary=excerpt(phase.description),
                    url=f"{phase.page.url or ''}#phase-{phase.pk}",
                )
            )
    return recorded


def shown_polls():
    """Polls citizens can see: approved and not for staff only."""
    return Poll.objects.filter(approval=PollApproval.APPROVED).exclude(audience=Audience.STAFF)


def poll_events(now) -> int:
    since = now - LOOKBACK
    opened = shown_polls().filter(opens_at__gt=since, opens_at__lte=now, closes_at__gt=now)
    results = shown_polls().filter(
        results_visibility=ResultsVisibility.AFTER_CLOSE, closes_at__gt=since, closes_at__lte=now
    )
    recorded = 0
    for kind, polls, moment in (
        (EventKind.POLL_OPENED, opened, "opens_at"),
        (EventKind.RESULTS_PUBLISHED, results, "closes_at"),
    ):
        placements = PollPlacement.objects.filter(
            poll__in=polls, page__in=sources.public_projects()
        ).select_related("poll", "page")
        for placement in placements:
            poll, page = placement.poll, placement.page
            stamp = getattr(poll, moment).astimezone(UTC).isoformat()
            recorded += bool(
                record_event(
                    kind=kind,
                    key=f"{kind}:{poll.pk}:{page.pk}:{stamp}",
                    page=page,
                    title=poll.title,
                    summary=excerpt(poll.description),
                    url=page.url or "",
                )
            )
    return recorded


def record_scheduled_events(now=None) -> int:
    """Records what the calendar brought; returns how many events are new."""
    now = now or timezone.now()
    return phase_events(timezone.localdate(now)) + poll_events(now)
