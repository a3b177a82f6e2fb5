"""Who may submit, edit, withdraw, support and see proposals: the one place for these rules.

Each ``*_refusal`` returns a ``participation.refusals`` kind or None; the
services raise it, the HTML views (and later the API) turn it into a page
or a problem+json. ``today`` is a parameter so that tests can move time.

Decisions:
- Every action needs an account with a confirmed e-mail address; anonymous
  proposals and supports are never allowed.
- Authors cannot support their own proposal: submitting it is their voice,
  and an own support would also end their right to edit it.
- Withdrawn proposals stay visible, marked, and take no supports.
- A pending proposal (pre-moderation) exists only for its author and the
  moderators; for everyone else it does not exist (404).
- Official answers come from the team and the editors of the project's unit
  (or a unit above it); moderators and evaluators read, they do not answer.
  States go eingereicht → in Prüfung → umsetzbar / nicht umsetzbar, and
  umsetzbar → umgesetzt. A department may take an assessment back to
  "in Prüfung" (new facts, a council decision): the history keeps the
  earlier answer, so nothing is hidden. "umgesetzt" is final. A further
  answer in the same state (a progress note) is allowed, except in
  "eingereicht": answering starts the review. "nicht umsetzbar" needs a
  reason. A withdrawn proposal may still be answered; a pending one not.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from comments import moderation_scope
from departments.models import Role
from departments.rules import roles_of
from participation.page_access import PageAccess
from participation.participants import Participant
from participation.refusals import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    NotSignedIn,
    Refusal,
)
from proposals.models import IdeaCollection, Moderation, Proposal, ProposalState
from proposals.models import ProposalModerationAction as Action

# Who gives official answers: the project unit's editors (units above included) and the team.
ANSWERING_ROLES = (Role.EDITOR, Role.TEAM)
# Who sees the proposal in the admin but does not answer: told so rather than "not found".
READING_ROLES = (Role.MODERATOR, Role.ANALYST)

State = ProposalState
NEXT_STATES = {
    State.SUBMITTED: (State.IN_REVIEW,),
    State.IN_REVIEW: (State.IN_REVIEW, State.FEASIBLE, State.NOT_FEASIBLE),
    State.FEASIBLE: (State.FEASIBLE, State.IMPLEMENTED, State.IN_REVIEW),
    State.NOT_FEASIBLE: (State.NOT_FEASIBLE, State.IN_REVIEW),
    State.IMPLEMENTED: (State.IMPLEMENTED,),
}

# Who moderates the proposals of a project: its unit's moderators and editors (and the team).
MODERATING_ROLES = (Role.MODERATOR, Role.EDITOR, Role.TEAM)


def may_view_project(participant: Participant, collection: IdeaCollection) -> bool:
    """The collection and all in it are visible exactly when its project page is."""
    return participant.page_access.may_view(collection.page)


def moderates(participant: Participant, collection: IdeaCollection) -> bool:
    return moderates_unit(participant.user, collection.page.department_id)


def moderates_city_wide(user) -> bool:
    """Superusers and those who moderate every discussion (``comments.moderation_scope``)."""
    return moderation_scope.moderated_units(user) is None


def moderates_unit(user, department_id: int | None) -> bool:
    """The unit's moderators (and editors, the team), and the city-wide moderators."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if moderates_city_wide(user):
        return True
    held = roles_of(user)
    return any(held.covers(role, department_id) for role in MODERATING_ROLES)


def moderated_units(user) -> frozenset[int] | None:
    """The units whose proposals ``user`` moderates; None: all of them."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if moderates_city_wide(user):
        return None
    held = roles_of(user)
    units: set[int] = set()
    for role in MODERATING_ROLES:
        ids = held.department_ids(role)
        if ids is None:
            return None
        units |= ids
    return frozenset(units)


def is_author(participant: Participant, proposal: Proposal) -> bool:
    return participant.is_authenticated and proposal.author_id == participant.user.pk


def collection_refusal(participant: Participant, collection: IdeaCollection) -> Refusal | None:
    if not may_view_project(participant, collection):
        return NotFound(_("There is no such idea collection."), code="collection_not_found")
    return None


def view_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    refusal = collection_refusal(participant, proposal.collection)
    if refusal:
        return refusal
    if proposal.moderation != Moderation.PUBLISHED and not (
        is_author(participant, proposal) or moderates(participant, proposal.collection)
    ):
        return NotFound(_("There is no such proposal."), code="proposal_not_found")
    return None


def is_public(proposal: Proposal) -> bool:
    """Whether anyone may see it (then its files may be cached by anyone)."""
    return proposal.moderation == Moderation.PUBLISHED and PageAccess().may_view(
        proposal.collection.page
    )


def account_refusal(participant: Participant) -> Refusal | None:
    if not participant.is_authenticated:
        return NotSignedIn(_("Please sign in to take part."), code="not_authenticated")
    if not participant.has_verified_email:
        return Forbidden(
            _("Please confirm your e-mail address before you take part."),
            code="email_not_verified",
        )
    return None


def submit_refusal(
    participant: Participant, collection: IdeaCollection, today: date | None = None
) -> Refusal | None:
    refusal = collection_refusal(participant, collection) or account_refusal(participant)
    if refusal:
        return refusal
    if not collection.open_for_proposals(today):
        return Forbidden(
            _("This idea collection does not take new proposals at the moment."),
            code="submissions_closed",
        )
    return None


def _own_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    refusal = view_refusal(participant, proposal) or account_refusal(participant)
    if refusal:
        return refusal
    if not is_author(participant, proposal):
        return Forbidden(_("Only the author can do this."), code="not_author")
    if proposal.withdrawn:
        return Conflict(_("This proposal has been withdrawn."), code="withdrawn")
    return None


def edit_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    refusal = _own_refusal(participant, proposal)
    if refusal:
        return refusal
    if proposal.support_count > 0:
        return Conflict(
            _("A proposal cannot be changed once someone supports it."), code="already_supported"
        )
    return None


def withdraw_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    return _own_refusal(participant, proposal)


def _support_common_refusal(
    participant: Participant, proposal: Proposal, today: date | None
) -> Refusal | None:
    refusal = view_refusal(participant, proposal) or account_refusal(participant)
    if refusal:
        return refusal
    if proposal.moderation != Moderation.PUBLISHED:
        return Conflict(_("This proposal is not published yet."), code="not_published")
    if not proposal.collection.open_for_supports(today):
        return Forbidden(_("Supports are closed."), code="supports_closed")
    return None


def support_refusal(
    participant: Participant, proposal: Proposal, today: date | None = None
) -> Refusal | None:
    """Whether the participant may add a support (one per account: the database checks it)."""
    refusal = _support_common_refusal(participant, proposal, today)
    if refusal:
        return refusal
    if proposal.withdrawn:
        return Conflict(_("This proposal has been withdrawn."), code="withdrawn")
    if is_author(participant, proposal):
        return Forbidden(_("You cannot support your own proposal."), code="own_proposal")
    return None


def unsupport_refusal(
    participant: Participant, proposal: Proposal, today: date | None = None
) -> Refusal | None:
    """Taking a support back: while supports are open (also after a withdrawal)."""
    return _support_common_refusal(participant, proposal, today)


def publish_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    """Publishing a pending proposal (pre-moderation): the project unit's moderators.

    The moderation queue of a later step (bulk actions, reports, log) calls
    the same rule.
    """
    if not may_view_project(participant, proposal.collection) or not moderates(
        participant, proposal.collection
    ):
        return NotFound(_("There is no such proposal."), code="proposal_not_found")
    if proposal.moderation == Moderation.PUBLISHED:
        return Conflict(_("This proposal is already published."), code="already_published")
    return moderation_refusal(participant, proposal, Action.PUBLISH)


# Moderation: the states an action applies to, and the state it leads to.
MODERATION_TRANSITIONS = {
    Action.PUBLISH: ((Moderation.PENDING, Moderation.HIDDEN), Moderation.PUBLISHED),
    Action.REJECT: ((Moderation.PENDING,), Moderation.REJECTED),
    Action.REMOVE: ((Moderation.PUBLISHED, Moderation.HIDDEN), Moderation.REMOVED),
    Action.RESTORE: ((Moderation.REJECTED, Moderation.REMOVED), Moderation.PUBLISHED),
    # The reports were unfounded: a hidden proposal comes back.
    Action.DISMISS: ((Moderation.PUBLISHED, Moderation.HIDDEN), Moderation.PUBLISHED),
}
# The decisions the author is told the reason of (required).
REASONED_ACTIONS = (Action.REJECT, Action.REMOVE)


def moderation_refusal(
    participant: Participant, proposal: Proposal, action, *, reason="", open_reports=None
) -> Refusal | None:
    """Whether a moderator may apply ``action`` to ``proposal`` (and with this reason).

    ``open_reports``: the proposal's open reports, needed to dismiss them
    (None: not checked, e.g. to offer the action).
    """
    if not moderates(participant, proposal.collection):
        return NotFound(_("There is no such proposal."), code="proposal_not_found")
    allowed_from, _to = MODERATION_TRANSITIONS[action]
    if proposal.moderation not in allowed_from:
        return Conflict(
            _("This action does not fit the proposal's state (%(state)s).")
            % {"state": Moderation(proposal.moderation).label},
            code="invalid_transition",
        )
    if action == Action.DISMISS and open_reports == 0:
        return Conflict(_("This proposal has no open reports."), code="no_open_reports")
    return reason_refusal(action, reason)


def reason_refusal(action, reason) -> Refusal | None:
    """Rejections and removals need a reason: the author is told it."""
    if action in REASONED_ACTIONS and not (reason or "").strip():
        message = _("Please give a reason; the author is told it.")
        return InvalidInput(
            message, code="reason_required", errors=[{"field": "reason", "message": message}]
        )
    return None


def report_refusal(participant: Participant, proposal: Proposal) -> Refusal | None:
    """Reports follow the comments' rule: signed in, verified, someone else's published proposal."""
    refusal = view_refusal(participant, proposal) or account_refusal(participant)
    if refusal:
        return refusal
    if proposal.moderation != Moderation.PUBLISHED:
        return Conflict(_("This proposal is not published."), code="not_published")
    if is_author(participant, proposal):
        return Forbidden(_("You cannot report your own proposal."), code="own_proposal")
    return None


def answers(user, proposal: Proposal) -> bool:
    """Whether ``user`` may answer officially for the proposal's project unit."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = roles_of(user)
    department_id = proposal.collection.page.department_id
    return any(held.covers(role, department_id) for role in ANSWERING_ROLES)


def next_states(proposal: Proposal) -> tuple[str, ...]:
    return NEXT_STATES.get(proposal.state, ())


def answer_refusal(user, proposal: Proposal, state=None, text="") -> Refusal | None:
    """Whether ``user`` may answer ``proposal`` with ``state`` and ``text``.

    Without ``state`` it says whether the user may answer at all (to show
    the form). Others do not learn that the proposal exists (404), as the
    admin's lists do not show it to them.
    """
    if not answers(user, proposal):
        department_id = proposal.collection.page.department_id
        if any(roles_of(user).covers(role, department_id) for role in READING_ROLES):
            return Forbidden(
                _("Only the responsible department's editors can answer officially."),
                code="may_not_answer",
            )
        return NotFound(_("There is no such proposal."), code="proposal_not_found")
    if proposal.moderation != Moderation.PUBLISHED:
        return Conflict(_("This proposal is not published yet."), code="not_published")
    if not next_states(proposal):
        return Conflict(_("This proposal can no longer be answered."), code="answer_closed")
    if state is None:
        return None
    if state not in next_states(proposal):
        message = _("A proposal in the state “%(current)s” cannot become “%(new)s”.") % {
            "current": ProposalState(proposal.state).label,
            "new": ProposalState(state).label if state in ProposalState.values else state,
        }
        return InvalidInput(
            message, code="state_not_allowed", errors=[{"field": "state", "message": message}]
        )
    if state == ProposalState.NOT_FEASIBLE and not (text or "").strip():
        message = _("Please give the reason why the proposal is not feasible.")
        return InvalidInput(
            message, code="reason_required", errors=[{"field": "text", "message": message}]
        )
    return None
