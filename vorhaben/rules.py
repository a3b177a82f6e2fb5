"""Who may do what with a Vorhaben, and which state may follow which.

Each rule returns a refusal (participation.refusals) or None. The team
decides (review, accept, defer, reject) and starts the pre-vote; the
owning department's editors change their Vorhaben while it is submitted
and create the project once it is accepted; whoever reads a Vorhaben in
the admin (team, the department's editors and evaluators) takes part in
its internal thread.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from departments.models import Role
from departments.rules import is_participation_team, roles_of
from participation.refusals import Conflict, Forbidden, InvalidInput, NotFound, Refusal
from vorhaben.models import Vorhaben, VorhabenState

S = VorhabenState

# decision -> (the states it may start from, the state it leads to)
DECISIONS = {
    "review": ((S.SUBMITTED, S.DEFERRED), S.IN_REVIEW),
    "accept": ((S.IN_REVIEW, S.DEFERRED), S.ACCEPTED),
    "defer": ((S.IN_REVIEW,), S.DEFERRED),
    "reject": ((S.IN_REVIEW, S.DEFERRED), S.REJECTED),
}
# Vorhaben the team may put to an internal pre-vote.
PREVOTE_STATES = (S.SUBMITTED, S.IN_REVIEW)
# Roles that read a Vorhaben of their unit (and take part in its thread).
READING_ROLES = (Role.EDITOR, Role.ANALYST)


def reads(user, vorhaben: Vorhaben) -> bool:
    roles = roles_of(user)
    return any(roles.covers(role, vorhaben.department_id) for role in READING_ROLES)


def edits_for_department(user, department_id: int | None) -> bool:
    return roles_of(user).covers(Role.EDITOR, department_id)


def visibility_refusal(user, vorhaben: Vorhaben) -> Refusal | None:
    """Outside the team and the owning unit, a Vorhaben does not exist (same answer as none)."""
    if reads(user, vorhaben):
        return None
    return NotFound(_("There is no such planned participation."), code="vorhaben_not_found")


def submission_refusal(user, department_id: int | None) -> Refusal | None:
    if department_id is None:
        return InvalidInput(
            _("Please choose the responsible department."),
            code="department_missing",
            errors=[{"field": "department", "message": _("Please choose a department.")}],
        )
    if not edits_for_department(user, department_id):
        return Forbidden(
            _("You can register plans only for your own units."), code="not_your_department"
        )
    return None


def editing_refusal(user, vorhaben: Vorhaben) -> Refusal | None:
    """The team changes any Vorhaben; the unit's editors only while it is submitted."""
    refusal = visibility_refusal(user, vorhaben)
    if refusal or is_participation_team(user):
        return refusal
    if not edits_for_department(user, vorhaben.department_id):
        return Forbidden(_("Only the department's editors change this plan."), code="not_editor")
    if vorhaben.state != S.SUBMITTED:
        return Conflict(
            _("The plan is being reviewed by the participation team and can no longer be changed."),
            code="vorhaben_locked",
        )
    return None


def decision_refusal(user, vorhaben: Vorhaben, decision: str) -> Refusal | None:
    if decision not in DECISIONS:
        return InvalidInput(_("Unknown decision."), code="unknown_decision")
    refusal = visibility_refusal(user, vorhaben)
    if refusal:
        return refusal
    if not is_participation_team(user):
        return Forbidden(_("Only the participation team decides on plans."), code="not_team")
    sources, _target = DECISIONS[decision]
    if vorhaben.state not in sources:
        return Conflict(
            _("This is not possible while the plan is '%(state)s'.")
            % {"state": vorhaben.get_state_display()},
            code="wrong_state",
        )
    return None


def allowed_decisions(user, vorhaben: Vorhaben) -> list[str]:
    return [name for name in DECISIONS if decision_refusal(user, vorhaben, name) is None]


def project_refusal(user, vorhaben: Vorhaben) -> Refusal | None:
    """An accepted Vorhaben becomes a project, made by the team or the unit's editors."""
    refusal = visibility_refusal(user, vorhaben)
    if refusal:
        return refusal
    if not edits_for_department(user, vorhaben.department_id):
        return Forbidden(
            _("Only the team or the department's editors create the project."), code="not_editor"
        )
    if vorhaben.project_id is not None:
        return Conflict(_("This plan already has a project."), code="project_exists")
    if vorhaben.state != S.ACCEPTED:
        return Conflict(_("Only an accepted plan becomes a project."), code="wrong_state")
    return None


def note_refusal(user, vorhaben: Vorhaben) -> Refusal | None:
    return visibility_refusal(user, vorhaben)


def prevote_refusal(user, vorhaben_list: list[Vorhaben]) -> Refusal | None:
    if not is_participation_team(user):
        return Forbidden(_("Only the participation team starts a pre-vote."), code="not_team")
    if len(vorhaben_list) < 2:
        return InvalidInput(
            _("Please choose at least two plans for a pre-vote."), code="too_few_vorhaben"
        )
    if any(vorhaben.state not in PREVOTE_STATES for vorhaben in vorhaben_list):
        return Conflict(
            _("Only submitted plans or plans in review can be put to a pre-vote."),
            code="wrong_state",
        )
    return None
