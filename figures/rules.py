"""Who reads which figures: analysts and editors their units (and below), the team the city."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from departments.models import Role
from departments.rules import roles_of
from participation.refusals import Forbidden, Refusal

PERMISSION = "figures.view_figures"
READING_ROLES = (Role.ANALYST, Role.EDITOR)


def figure_scope(user) -> frozenset[int] | None:
    """The units whose figures ``user`` reads (descendants included); None for the whole city."""
    roles = roles_of(user)
    units: set[int] = set()
    for role in READING_ROLES:
        ids = roles.department_ids(role)
        if ids is None:
            return None
        units |= ids
    return frozenset(units)


def viewing_refusal(user) -> Refusal | None:
    if not user.has_perm(PERMISSION):
        return Forbidden(_("You may not see the figures."))
    scope = figure_scope(user)
    if scope is not None and not scope:
        return Forbidden(_("You may not see the figures."))
    return None
