"""The moderators' actions: approve, reject, hide, remove, restore, pin, with a log entry each."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from comments import caching, events, rules, targets
from comments.models import Comment, CommentState, ModerationAction, ModerationLogEntry
from comments.moderation_scope import within_scope
from comments.services.posting import clean_free_text, count_reply, refuse
from participation import text_hygiene
from participation.refusals import Conflict, Forbidden, InvalidInput, NotFound

MAX_REMOVAL_REASON = 300


def keep_pin_for_restore(comment) -> None:
    """A pinned comment leaving the published state is unpinned, but will be pinned again."""
    if comment.is_pinned:
        comment.is_pinned = False
        comment.pin_on_restore = True


# Moderation: which states an action applies to, and the state it leads to
# (None: the state stays).
TRANSITIONS = {
    ModerationAction.APPROVE: (
        {CommentState.PENDING, CommentState.HIDDEN, CommentState.PUBLISHED},
        CommentState.PUBLISHED,
    ),
    ModerationAction.REJECT: ({CommentState.PENDING}, CommentState.REJECTED),
    ModerationAction.HIDE: ({CommentState.PUBLISHED}, CommentState.HIDDEN),
    ModerationAction.RESTORE: (
        {CommentState.HIDDEN, CommentState.REMOVED, CommentState.REJECTED},
        CommentState.PUBLISHED,
    ),
    ModerationAction.REMOVE: ({CommentState.PUBLISHED, CommentState.HIDDEN}, CommentState.REMOVED),
    ModerationAction.PIN: ({CommentState.PUBLISHED}, None),
    ModerationAction.UNPIN: (set(CommentState), None),
    ModerationAction.NOTE: (set(CommentState), None),
}


# Actions that close the open reports: the moderator has looked at them.
REVIEWING_ACTIONS = {
    ModerationAction.APPROVE,
    ModerationAction.REJECT,
    ModerationAction.RESTORE,
    ModerationAction.REMOVE,
}


MODERATOR_ACTIONS = [action for action in ModerationAction if action in TRANSITIONS]


@dataclass
class ModerationResult:
    changed: list[Comment] = field(default_factory=list)
    skipped: list[Comment] = field(default_factory=list)


def pin_refusal(comment):
    if not (comment.is_official and comment.is_top_level):
        return Conflict(
            _("Only official answers at the top level of the discussion can be pinned."),
            code="not_pinnable",
        )
    # Answers that are hidden or removed for now keep their place (pin_on_restore).
    pinned = (
        Comment.objects.filter(
            Q(is_pinned=True) | Q(pin_on_restore=True), **targets.same_thread(comment)
        )
        .exclude(pk=comment.pk)
        .count()
    )
    if pinned >= settings.COMMENTS_MAX_PINNED:
        return Conflict(
            _("At most %(count)d answers can be pinned on a page.")
            % {"count": settings.COMMENTS_MAX_PINNED},
            code="too_many_pinned",
        )
    return None


def _apply(comment, action, moderator, note, reason) -> bool:
    allowed_from, to_state = TRANSITIONS[action]
    if comment.state not in allowed_from:
        return False
    if action == ModerationAction.PIN and pin_refusal(comment):
        return False
    from_state = comment.state
    if to_state is not None:
        comment.state = to_state
    if action == ModerationAction.REMOVE:
        comment.removal_reason = reason
    elif action == ModerationAction.RESTORE:
        comment.removal_reason = ""
    if action == ModerationAction.PIN:
        comment.is_pinned, comment.pin_on_restore = True, False
    elif action == ModerationAction.UNPIN:
        comment.is_pinned, comment.pin_on_restore = False, False
    elif comment.state != CommentState.PUBLISHED:
        keep_pin_for_restore(comment)
    elif comment.pin_on_restore:
        # Restored (or approved after being hidden): the pin comes back.
        comment.is_pinned, comment.pin_on_restore = True, False
    if note:
        comment.moderator_note = note
    comment.save(
        update_fields=["state", "removal_reason", "is_pinned", "pin_on_restore", "moderator_note"]
    )
    events.count_change(comment, from_state, comment.state)
    entered_thread = from_state in (CommentState.PENDING, CommentState.REJECTED) and (
        comment.state == CommentState.PUBLISHED
    )
    if entered_thread and not comment.is_top_level:
        count_reply(comment, +1)
    announce(comment, action, from_state, reason)
    if action in REVIEWING_ACTIONS:
        comment.reports.filter(resolved=False).update(resolved=True)
    ModerationLogEntry.objects.create(
        comment=comment,
        moderator=moderator,
        action=action,
        from_state=from_state,
        note="\n".join(part for part in (reason, note) if part),
    )
    return True


# The decisions an author hears of: approval out of pre-moderation, rejection, removal.
DECISIONS = {
    ModerationAction.APPROVE: events.APPROVED,
    ModerationAction.REJECT: events.REJECTED,
    ModerationAction.REMOVE: events.REMOVED,
}


def announce(comment, action, from_state, reason) -> None:
    entered_thread = from_state in (CommentState.PENDING, CommentState.REJECTED)
    if entered_thread and comment.state == CommentState.PUBLISHED:
        events.announce_published(comment)
    decision = DECISIONS.get(action)
    if decision == events.APPROVED and from_state != CommentState.PENDING:
        return  # approving a hidden or reported comment decides nothing the author asked for
    if decision is not None:
        events.announce_moderated(comment, decision, reason)


def moderate(comment_ids, action, moderator, *, note="", reason="") -> ModerationResult:
    """Applies a moderator's ``action`` to the comments it fits; the others are skipped."""
    if not rules.can_moderate(moderator):
        raise Forbidden(_("You are not allowed to moderate comments."), code="not_moderator")
    try:
        action = ModerationAction(action)
    except ValueError as error:
        raise InvalidInput(_("Unknown action."), code="invalid_action") from error
    if action not in TRANSITIONS:
        raise InvalidInput(_("Unknown action."), code="invalid_action")
    note = clean_free_text(note, "note")
    reason = clean_free_text(reason, "reason")[:MAX_REMOVAL_REASON]
    if action == ModerationAction.REMOVE and text_hygiene.is_blank(reason):
        message = _("Please give a reason; it is shown in place of the comment.")
        raise InvalidInput(
            message, code="reason_required", errors=[{"field": "reason", "message": message}]
        )
    result = ModerationResult()
    with transaction.atomic():
        # Comments outside the moderator's units are not found (moderation_scope).
        comments = within_scope(
            moderator, Comment.objects.select_for_update().filter(pk__in=list(comment_ids))
        )
        for comment in comments.order_by("pk"):
            if _apply(comment, action, moderator, note, reason):
                result.changed.append(comment)
            else:
                result.skipped.append(comment)
        caching.bump_on_commit(*(targets.thread_key_of(comment) for comment in result.changed))
    return result


def moderate_one(comment_id, action, moderator, *, note="", reason="") -> Comment:
    """Like ``moderate`` for one comment; an action that does not fit is a 409."""
    result = moderate([comment_id], action, moderator, note=note, reason=reason)
    if result.changed:
        return result.changed[0]
    if not result.skipped:
        raise NotFound(_("This comment does not exist."), code="comment_not_found")
    comment = result.skipped[0]
    if action == ModerationAction.PIN:
        refuse(pin_refusal(comment))
    raise Conflict(
        _("This action does not fit the comment's state (%(state)s).")
        % {"state": comment.get_state_display()},
        code="invalid_transition",
    )
