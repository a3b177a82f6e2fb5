"""Reports on proposals and the moderators' decisions, each logged.

Services as in ``proposals.services``: a ``Participant`` and plain values,
the rule (``proposals.rules``), one transaction. Reports follow the
comments' rules (signed in, verified, someone else's published proposal,
rate-limited per account); ``PROPOSALS_REPORTS_TO_HIDE`` open reports hide
a proposal until a moderator looks at it. Every moderator action, one or
many at a time, writes a ``ProposalModerationLogEntry`` and closes the
proposal's open reports; the author hears of the decision after the commit
(``proposals.events.proposal_moderated``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comments.services.engagement import clean_report
from comments.services.posting import clean_free_text
from participation import ratelimit
from participation.participants import Participant
from participation.refusals import Conflict, InvalidInput, NotFound
from proposals import events, rules
from proposals.models import (
    Moderation,
    Proposal,
    ProposalModerationAction,
    ProposalModerationLogEntry,
    ProposalReport,
)

Action = ProposalModerationAction
MAX_REASON = 300


def refuse(refusal) -> None:
    if refusal is not None:
        raise refusal


def _locked(proposal_id) -> Proposal:
    try:
        return (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("collection__page")
            .get(pk=proposal_id)
        )
    except (Proposal.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(_("There is no such proposal."), code="proposal_not_found") from error


def within_scope(user, proposals):
    """``proposals`` narrowed to those of the units ``user`` moderates (all for city-wide)."""
    units = rules.moderated_units(user)
    if units is None:
        return proposals
    if not units:
        return proposals.none()
    return proposals.filter(collection__page__department_id__in=units)


def report_proposal(participant: Participant, proposal_id, *, reason, details="") -> ProposalReport:
    reason, details = clean_report(reason, details)
    with transaction.atomic():
        # Locked: concurrent reports are counted one after another.
        proposal = _locked(proposal_id)
        refuse(rules.report_refusal(participant, proposal))
        ratelimit.hit("proposal_report_per_account", participant.key)
        try:
            with transaction.atomic():
                report = ProposalReport.objects.create(
                    proposal=proposal,
                    participant_key=participant.key,
                    reason=reason,
                    details=details,
                )
        except IntegrityError as error:
            raise Conflict(
                _("You have already reported this proposal."), code="already_reported"
            ) from error
        open_reports = proposal.reports.filter(resolved=False).count()
        if open_reports >= settings.PROPOSALS_REPORTS_TO_HIDE:
            proposal.moderation = Moderation.HIDDEN
            proposal.save(update_fields=["moderation", "updated_at"])
            ProposalModerationLogEntry.objects.create(
                proposal=proposal,
                action=Action.AUTO_HIDE,
                from_state=Moderation.PUBLISHED,
                to_state=Moderation.HIDDEN,
                note=_("%(count)d reports") % {"count": open_reports},
            )
    return report


@dataclass
class ModerationResult:
    changed: list[Proposal] = field(default_factory=list)
    skipped: list[Proposal] = field(default_factory=list)


def _clean_texts(reason, note) -> tuple[str, str]:
    reason = clean_free_text(reason if isinstance(reason, str) else "", "reason")[:MAX_REASON]
    note = clean_free_text(note if isinstance(note, str) else "", "note")
    return reason.strip(), note.strip()


def _rule(participant, proposal, action, reason, open_reports):
    if action == Action.PUBLISH:
        return rules.publish_refusal(participant, proposal)
    return rules.moderation_refusal(
        participant, proposal, action, reason=reason, open_reports=open_reports
    )


def _apply(moderator, proposal: Proposal, action, reason: str, note: str) -> None:
    from_state = proposal.moderation
    proposal.moderation = rules.MODERATION_TRANSITIONS[action][1]
    if action in rules.REASONED_ACTIONS:
        proposal.moderation_reason = reason
    elif proposal.moderation == Moderation.PUBLISHED:
        proposal.moderation_reason = ""
    proposal.save(update_fields=["moderation", "moderation_reason", "updated_at"])
    proposal.reports.filter(resolved=False).update(resolved=True)
    ProposalModerationLogEntry.objects.create(
        proposal=proposal,
        moderator=moderator,
        action=action,
        from_state=from_state,
        to_state=proposal.moderation,
        reason=reason if action in rules.REASONED_ACTIONS else "",
        note=note,
    )
    events.announce_moderated(proposal, action, from_state, reason)


def moderate(participant: Participant, proposal_ids, action, *, reason="", note=""):
    """Applies ``action`` to the proposals it fits; the others are skipped, the unknown ignored.

    Proposals outside the moderator's units are neither changed nor
    reported back (they do not exist for them). A missing reason for a
    rejection or removal refuses the whole action.
    """
    try:
        action = Action(action)
    except ValueError as error:
        raise InvalidInput(_("Unknown action."), code="invalid_action") from error
    if action not in rules.MODERATION_TRANSITIONS:
        raise InvalidInput(_("Unknown action."), code="invalid_action")
    reason, note = _clean_texts(reason, note)
    refuse(rules.reason_refusal(action, reason))
    result = ModerationResult()
    with transaction.atomic():
        proposals = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("collection__page")
            .filter(pk__in=list(proposal_ids))
            .order_by("pk")
        )
        for proposal in proposals:
            open_reports = proposal.reports.filter(resolved=False).count()
            refusal = _rule(participant, proposal, action, reason, open_reports)
            if isinstance(refusal, NotFound):
                continue
            if refusal is not None:
                result.skipped.append(proposal)
                continue
            _apply(participant.user, proposal, action, reason, note)
            result.changed.append(proposal)
    return result


def moderate_one(participant: Participant, proposal_id, action, *, reason="", note="") -> Proposal:
    """Like ``moderate`` for one proposal, with the rule's own refusal when it does not fit."""
    result = moderate(participant, [proposal_id], action, reason=reason, note=note)
    if result.changed:
        return result.changed[0]
    if not result.skipped:
        raise NotFound(_("There is no such proposal."), code="proposal_not_found")
    proposal = result.skipped[0]
    open_reports = proposal.reports.filter(resolved=False).count()
    refuse(_rule(participant, proposal, Action(action), reason, open_reports))
    raise Conflict(_("This action does not fit the proposal's state."), code="invalid_transition")
