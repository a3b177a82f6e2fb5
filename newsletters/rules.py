"""Who may address whom, and when a newsletter can still be scheduled or sent.

The participation team writes for the whole city and sends to any audience.
A unit's editors write newsletters of their own units and send them only to
the followers of their units (and the units below them).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from departments.models import Role
from departments.rules import is_participation_team, roles_of
from newsletters.models import EDITABLE_STATUSES, Audience
from participation.refusals import Conflict, Forbidden, InvalidInput, Refusal


def audience_refusal(user, *, department, audience, audience_department) -> Refusal | None:
    if is_participation_team(user) or (user.is_active and user.is_superuser):
        return None
    roles = roles_of(user)
    if department is None or not roles.covers(Role.EDITOR, department.pk):
        return Forbidden(
            _("Choose one of your own units as the responsible department."),
            errors=[{"field": "department", "message": _("Choose one of your own units.")}],
        )
    if audience != Audience.DEPARTMENT:
        return Forbidden(
            _("Your newsletters go to the followers of your own units."),
            errors=[
                {"field": "audience", "message": _("Choose the followers of one of your units.")}
            ],
        )
    if audience_department is None or not roles.covers(Role.EDITOR, audience_department.pk):
        return Forbidden(
            _("Your newsletters go to the followers of your own units."),
            errors=[
                {
                    "field": "audience_department",
                    "message": _("Choose one of your own units."),
                }
            ],
        )
    return None


def sending_refusal(newsletter) -> Refusal | None:
    if newsletter.status not in EDITABLE_STATUSES:
        return Conflict(_("This newsletter has already been sent."), code="already_sent")
    return None


def schedule_refusal(newsletter, when, now) -> Refusal | None:
    refusal = sending_refusal(newsletter)
    if refusal is not None:
        return refusal
    if when is None or when <= now:
        message = _("Choose a date and time in the future.")
        return InvalidInput(message, errors=[{"field": "scheduled_at", "message": message}])
    return None
