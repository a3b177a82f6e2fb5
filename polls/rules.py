"""Who may see, vote in and see the results of a poll: the one place for these rules.

Predicates answer yes or no; the ``*_refusal`` functions say why not, as
the Refusal the service raises. Templates, the API and the services all ask
here, so the HTML page and the API can never disagree.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from departments.models import Role
from departments.rules import roles_of
from participation.participants import Participant, TokenState
from participation.refusals import (
    Forbidden,
    InvalidInput,
    NotFound,
    NotSignedIn,
    Refusal,
    TooLarge,
)
from polls.models import Audience, Poll, PollApproval, PollState, ResultsVisibility, VoterKind

# Whoever holds one of these roles in a staff poll's unit (or above it) is asked.
STAFF_POLL_ROLES = (Role.STAFF, Role.EDITOR, Role.MODERATOR, Role.ANALYST)
# Results shown to editors only: the poll's editors and evaluators (and the team).
RESULTS_ROLES = (Role.EDITOR, Role.ANALYST)


def may_see_poll(participant: Participant, poll: Poll) -> bool:
    """Staff-only polls do not exist for anyone but their staff: not even their title.

    A poll the participation team has not approved exists only for those who
    read its results in the admin (its unit's editors and evaluators, the
    team), so that they can preview it on its page.
    """
    if poll.approval != PollApproval.APPROVED and not reads_results_of(participant, poll):
        return False
    return poll.audience != Audience.STAFF or is_staff_of(participant, poll)


def staff_reaching(participant: Participant, poll: Poll, roles: tuple[str, ...]) -> bool:
    """Staff holding one of ``roles`` in the poll's unit or above (the team: every unit).

    A poll without a unit is the whole administration's: all staff.
    """
    if not participant.is_staff:
        return False
    if poll.department_id is None:
        return True
    held = roles_of(participant.user)
    return any(held.covers(role, poll.department_id) for role in roles)


def is_staff_of(participant: Participant, poll: Poll) -> bool:
    """Staff whose role reaches the poll's unit: who sees a staff-only poll."""
    return staff_reaching(participant, poll, STAFF_POLL_ROLES)


def results_public(poll: Poll, now: datetime) -> bool:
    """Whether the results are open to everyone who sees the poll (not only to editors)."""
    if poll.results_visibility == ResultsVisibility.LIVE:
        return True
    if poll.results_visibility == ResultsVisibility.AFTER_CLOSE:
        return poll.state_at(now) == PollState.CLOSED
    return False


def may_see_results(participant: Participant, poll: Poll, now: datetime) -> bool:
    if not may_see_poll(participant, poll):
        return False
    if results_public(poll, now):
        return True
    return poll.results_visibility != ResultsVisibility.AFTER_CLOSE and reads_results_of(
        participant, poll
    )


def reads_results_of(participant: Participant, poll: Poll) -> bool:
    """Staff whose editor or evaluation role reaches the poll's unit: who reads its results."""
    return staff_reaching(participant, poll, RESULTS_ROLES)


def is_in_audience(participant: Participant, poll: Poll) -> bool:
    if poll.audience == Audience.STAFF:
        return is_staff_of(participant, poll)
    if poll.audience == Audience.REGISTERED:
        return participant.has_verified_email
    return True


def uses_anonymous_token(participant: Participant, poll: Poll) -> bool:
    """Anonymous visitors vote in public polls with their browser token, others as themselves."""
    return poll.audience == Audience.PUBLIC and not participant.is_authenticated


def needs_anonymous_token(participant: Participant, poll: Poll, now: datetime) -> bool:
    """Whether to hand this visitor a browser token now (an open public poll, no valid one yet)."""
    return (
        uses_anonymous_token(participant, poll)
        and poll.state_at(now) == PollState.OPEN
        and participant.token_state != TokenState.VALID
    )


def voter_kind(participant: Participant) -> VoterKind:
    if participant.is_staff:
        return VoterKind.STAFF
    if participant.is_authenticated:
        return VoterKind.REGISTERED
    return VoterKind.ANONYMOUS


def format_moment(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def placement_refusal(participant: Participant, poll: Poll, shown: bool) -> Refusal | None:
    """A poll exists for a visitor only on a page they may see (``shown``, polls.hosting).

    Staff-only polls are asked wherever staff are; ``visibility_refusal``
    keeps everyone else out of them. The answer for anything unseen is the
    same as for a poll that does not exist, so ids reveal nothing.
    """
    if poll.audience == Audience.STAFF or shown:
        return None
    return NotFound(_("There is no such poll."), code="poll_not_found")


def visibility_refusal(participant: Participant, poll: Poll) -> Refusal | None:
    if not may_see_poll(participant, poll):
        return NotFound(_("There is no such poll."), code="poll_not_found")
    return None


def approval_refusal(poll: Poll) -> Refusal | None:
    """Nobody votes in a poll before the participation team has approved it."""
    if poll.approval != PollApproval.APPROVED:
        return Forbidden(
            _("This poll has not been approved yet. You cannot vote yet."),
            code="poll_not_approved",
        )
    return None


def state_refusal(poll: Poll, now: datetime) -> Refusal | None:
    state = poll.state_at(now)
    if state == PollState.UPCOMING:
        return Forbidden(
            _("This poll opens on %(moment)s. You cannot vote yet.")
            % {"moment": format_moment(poll.opens_at)},
            code="poll_not_open",
        )
    if state == PollState.CLOSED:
        return Forbidden(
            _("This poll closed on %(moment)s. Voting is no longer possible.")
            % {"moment": format_moment(poll.closes_at)},
            code="poll_closed",
        )
    return None


def audience_refusal(participant: Participant, poll: Poll) -> Refusal | None:
    if poll.audience == Audience.STAFF and not is_staff_of(participant, poll):
        return NotFound(_("There is no such poll."), code="poll_not_found")
    if poll.audience == Audience.REGISTERED:
        if not participant.is_authenticated:
            return NotSignedIn(
                _("Please sign in to take part in this poll."), code="sign_in_required"
            )
        if not participant.has_verified_email:
            return Forbidden(
                _("Please confirm your e-mail address to take part in this poll."),
                code="email_not_verified",
            )
    if uses_anonymous_token(participant, poll):
        if participant.token_state == TokenState.MISSING:
            return InvalidInput(
                _(
                    "Your browser did not send the voting cookie. Voting without an account "
                    "needs cookies: please allow them for this site, reload the page and "
                    "vote again."
                ),
                code="missing_participant_token",
            )
        if participant.token_state == TokenState.FORGED:
            return Forbidden(
                _("Your voting cookie is not valid. Please reload the page and vote again."),
                code="invalid_participant_token",
            )
    return None


def voting_refusal(participant: Participant, poll: Poll, now: datetime) -> Refusal | None:
    """Why this participant cannot cast a ballot now, or None if they can."""
    return (
        visibility_refusal(participant, poll)
        or approval_refusal(poll)
        or state_refusal(poll, now)
        or audience_refusal(participant, poll)
    )


def change_refusal(participant: Participant, poll: Poll, now: datetime) -> Refusal | None:
    """Why this participant cannot change their ballot now, or None if they can."""
    refusal = voting_refusal(participant, poll, now)
    if refusal is None and not poll.allow_ballot_change:
        refusal = Forbidden(
            _("Ballots in this poll cannot be changed."), code="ballot_change_not_allowed"
        )
    return refusal


def may_vote(participant: Participant, poll: Poll, now: datetime) -> bool:
    """Whether to offer the form to this participant now."""
    refusal = voting_refusal(participant, poll, now)
    # The form hands out a fresh browser token (replacing a forged one).
    return refusal is None or refusal.code in TOKEN_PROBLEMS


TOKEN_PROBLEMS = {"missing_participant_token", "invalid_participant_token"}


# A ballot is a few answers; anything much larger is not a ballot.
MAX_BALLOT_BODY_BYTES = 64 * 1024


def ballot_size_refusal(body_bytes: int) -> Refusal | None:
    """Refuses a ballot whose request body is larger than any real ballot."""
    if body_bytes > getattr(settings, "POLLS_MAX_BALLOT_BYTES", MAX_BALLOT_BODY_BYTES):
        return TooLarge(_("A ballot cannot be this large."), code="ballot_too_large")
    return None
