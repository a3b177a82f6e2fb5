"""How a project's status follows from its phases.

The status is never stored: it is derived from the phase dates, here in
Python for one page (``derive_status``) and in SQL for lists
(``ProjectPageQuerySet.annotate_status``). Both follow the same rule, and
``tests/pages/test_status.py`` checks they agree on every day of a timeline:

1. no phases, or no participation phase has started yet -> upcoming
2. the last phase has ended                               -> finished
3. today lies in a phase that allows participation        -> open
4. otherwise (between or after participation phases)      -> evaluation

Phase dates are whole days in the portal's time zone, both ends inclusive.
"""

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for participation")
    EVALUATION = "evaluation", _("In evaluation")
    FINISHED = "finished", _("Finished")


class PhaseLike(Protocol):
    start_date: date
    end_date: date
    allows_participation: bool


def phase_contains(phase: PhaseLike, day: date) -> bool:
    return phase.start_date <= day <= phase.end_date


def derive_status(phases: Iterable[PhaseLike], today: date) -> ProjectStatus:
    phases = list(phases)
    if not phases:
        return ProjectStatus.UPCOMING
    if today > max(phase.end_date for phase in phases):
        return ProjectStatus.FINISHED
    participation = [phase for phase in phases if phase.allows_participation]
    if any(phase_contains(phase, today) for phase in participation):
        return ProjectStatus.OPEN
    if today < min(phase.start_date for phase in participation or phases):
        return ProjectStatus.UPCOMING
    return ProjectStatus.EVALUATION


def overlapping_phases(phases: Iterable[PhaseLike]) -> list[tuple[PhaseLike, PhaseLike]]:
    """Pairs (earlier, later) of phases whose dates overlap; phases must not overlap."""
    ordered = sorted(phases, key=lambda phase: (phase.start_date, phase.end_date))
    return [
        (earlier, later)
        for earlier, later in pairwise(ordered)
        if later.start_date <= earlier.end_date
    ]


def current_phase(phases: Iterable[PhaseLike], today: date) -> PhaseLike | None:
    """The phase running today; phases may not overlap, so there is at most one."""
    return next((phase for phase in phases if phase_contains(phase, today)), None)
