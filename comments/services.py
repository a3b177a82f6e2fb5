"""Everything that changes comments, for the HTML views and the API alike.

Each action is one transaction. Rules come from ``comments.rules``; a
refusal is raised as a ``participation.refusals.Refusal`` with a specific
code, which the API answers as problem+json and the HTML views as a German
form message. Services take the participant and plain values, never the
request. Counters (``support_count``, ``reply_count``) change with F()
updates in the same transaction as the rows they count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import caching, rules
from comments.models import (
    Comment,
    CommentState,
    ModerationAction,
    ModerationLogEntry,
    Report,
    ReportReason,
    Support,
)
from participation import ratelimit, text_hygiene
from participation.refusals import Conflict, Forbidden, InvalidInput, NotFound, Refusal

MAX_REPORT_DETAILS = 1000
MAX_REMOVAL_REASON = 300


def field_refusal(field_name: str, message: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors=[{"field": field_name, "message": message}])


def clean_free_text(value, field_name: str) -> str:
    """Free text through participation.text_hygiene; a refusal names the field it came in."""
    try:
        return text_hygiene.clean_text(value or "")
    except text_hygiene.TextRefused as refusal:
        raise field_refusal(field_name, refusal.message, refusal.code) from None


def clean_body(body) -> str:
    """The text as typed, cleaned (participation.text_hygiene); nothing visible is no comment."""
    if not isinstance(body, str):
        raise field_refusal("body", _("Please write a comment."), "body_empty")
    text = clean_free_text(body, "body")
    if text_hygiene.is_blank(text):
        raise field_refusal("body", _("Please write a comment."), "body_empty")
    limit = settings.COMMENTS_MAX_LENGTH
    if len(text) > limit:
        message = _("A comment can have at most %(limit)d characters (it has %(length)d).") % {
            "limit": limit,
            "length": len(text),
        }
        raise field_refusal("body", message, "body_too_long")
    return text


def get_comment(comment_id, *, lock=False) -> Comment:
    comments = Comment.objects.select_related("author")
    if lock:
        comments = Comment.objects.select_for_update()
    try:
        return comments.get(pk=int(comment_id))
    except (Comment.DoesNotExist, TypeError, ValueError) as error:
        raise NotFound(_("This comment does not exist."), code="comment_not_found") from error


def check_on_page(comment, page) -> None:
    """The page a form was posted from (or the API found) must be the one the comment is on."""
    if comment.page_id != page.pk:
        raise NotFound(_("This comment does not exist."), code="comment_not_found")


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal


def _limit_posting(participant):
    if participant.is_staff:
        return
    ratelimit.hit("comment_per_account", participant.key)
    ratelimit.hit("comment_per_account_daily", participant.key)
    ratelimit.hit("comment_per_ip", participant.ip_hash)


def _author_fields(participant) -> dict:
    if participant.is_authenticated:
        return {"author": participant.user}
    return {"anonymous_key": participant.key}


def _ancestor_ids(comment: Comment) -> list[int]:
    """The ids above ``comment`` (at most COMMENTS_MAX_DEPTH - 1 small lookups)."""
    ids = []
    parent_id = comment.parent_id
    while parent_id is not None:
        ids.append(parent_id)
        parent_id = Comment.objects.filter(pk=parent_id).values_list("parent_id", flat=True)[0]
    return ids


def _count_reply(comment: Comment, delta: int) -> None:
    """``comment`` (a reply) entered or left the public thread: its ancestors count it."""
    ancestors = _ancestor_ids(comment)
    if ancestors:
        Comment.objects.filter(pk__in=ancestors).update(reply_count=F("reply_count") + delta)


def post_comment(page, participant, *, body, official=False) -> Comment:
    """A new top-level comment on ``page``; anonymous authors come with their browser token.

    The edge hands an anonymous browser its token before it calls (see
    ``rules.needs_anonymous_key``), so that the comment has a key.
    """
    refuse(rules.posting_refusal(participant, page))
    refuse(rules.official_refusal(participant, official))
    text = clean_body(body)
    _limit_posting(participant)
    # With its search outbox entry (written by a signal) or not at all.
    with transaction.atomic():
        comment = Comment.objects.create(
            page=page,
            body=text,
            state=rules.initial_state(participant, page),
            is_official=bool(official),
            **_author_fields(participant),
        )
        caching.bump_on_commit(page.pk)
    return comment


def reply(parent_id, participant, *, page, body, official=False) -> Comment:
    with transaction.atomic():
        # Locked, so that a moderator cannot remove the parent half-way through.
        parent = get_comment(parent_id, lock=True)
        refuse(rules.reply_refusal(participant, parent, page))
        refuse(rules.official_refusal(participant, official))
        text = clean_body(body)
        _limit_posting(participant)
        comment = Comment.objects.create(
            page=page,
            parent=parent,
            root_id=parent.root_id or parent.pk,
            depth=parent.depth + 1,
            body=text,
            state=rules.initial_state(participant, page),
            is_official=bool(official),
            **_author_fields(participant),
        )
        if comment.state == CommentState.PUBLISHED:
            _count_reply(comment, +1)
        caching.bump_on_commit(page.pk)
    return comment


def edit_comment(comment_id, participant, *, page, body) -> Comment:
    with transaction.atomic():
        comment = get_comment(comment_id, lock=True)
        check_on_page(comment, page)
        refuse(rules.edit_refusal(participant, comment, page))
        text = clean_body(body)
        if text != comment.body:
            comment.body = text
            comment.edited_at = timezone.now()
            comment.save(update_fields=["body", "edited_at"])
            caching.bump_on_commit(comment.page_id)
    return comment


def delete_own_comment(comment_id, participant, *, page) -> Comment | None:
    """Empties a public comment (a placeholder keeps the thread); others disappear for good."""
    with transaction.atomic():
        comment = get_comment(comment_id, lock=True)
        check_on_page(comment, page)
        refuse(rules.delete_refusal(participant, comment))
        caching.bump_on_commit(comment.page_id)
        if comment.state in (CommentState.PENDING, CommentState.REJECTED):
            comment.delete()
            return None
        comment.state = CommentState.DELETED_BY_AUTHOR
        comment.body = ""
        comment.is_pinned = comment.pin_on_restore = False
        comment.save(update_fields=["state", "body", "is_pinned", "pin_on_restore"])
        comment.reports.filter(resolved=False).update(resolved=True)
    return comment


def _support_count(comment_id) -> int:
    return Comment.objects.filter(pk=comment_id).values_list("support_count", flat=True)[0]


def support(comment_id, participant, *, page) -> int:
    """Adds the participant's support; returns the comment's new support count."""
    comment = get_comment(comment_id)
    check_on_page(comment, page)
    refuse(rules.engagement_refusal(participant, comment))
    ratelimit.hit("comment_support_per_account", participant.key)
    try:
        with transaction.atomic():
            Support.objects.create(comment=comment, participant_key=participant.key)
            Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
            caching.bump_on_commit(comment.page_id)
    except IntegrityError as error:
        raise Conflict(_("You already support this comment."), code="already_supported") from error
    return _support_count(comment.pk)


def unsupport(comment_id, participant, *, page) -> int:
    comment = get_comment(comment_id)
    check_on_page(comment, page)
    if not participant.is_authenticated:
        refuse(rules.engagement_refusal(participant, comment))
    with transaction.atomic():
        deleted, _details = Support.objects.filter(
            comment=comment, participant_key=participant.key
        ).delete()
        if not deleted:
            raise Conflict(_("You do not support this comment."), code="not_supported")
        Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") - 1)
        caching.bump_on_commit(comment.page_id)
    return _support_count(comment.pk)


def clean_report(reason, details) -> tuple[str, str]:
    if reason not in ReportReason.values:
        message = _("Please choose a reason.")
        raise InvalidInput(
            message, code="invalid_reason", errors=[{"field": "reason", "message": message}]
        )
    details = clean_free_text(details if isinstance(details, str) else "", "details")
    if len(details) > MAX_REPORT_DETAILS:
        message = _("Please use at most %(limit)d characters.") % {"limit": MAX_REPORT_DETAILS}
        raise InvalidInput(
            message, code="details_too_long", errors=[{"field": "details", "message": message}]
        )
    return reason, details


def _never_auto_hidden(comment) -> bool:
    """The city's voice is not for the crowd to silence: its reports go to the moderation queue.

    Official answers and comments by staff (anyone with admin access) stay
    published however often they are reported; the queue lists them with
    their open reports, and a moderator decides.
    """
    if comment.is_official:
        return True
    author = comment.author
    return bool(
        author is not None
        and author.is_active
        and (author.is_staff or author.has_perm("wagtailadmin.access_admin"))
    )


def _keep_pin_for_restore(comment) -> None:
    """A pinned comment leaving the published state is unpinned, but will be pinned again."""
    if comment.is_pinned:
        comment.is_pinned = False
        comment.pin_on_restore = True


def report(comment_id, participant, *, page, reason, details="") -> Report:
    reason, details = clean_report(reason, details)
    with transaction.atomic():
        # Locked: concurrent reports are counted one after another, so the
        # threshold hides the comment exactly when it is reached.
        comment = get_comment(comment_id, lock=True)
        check_on_page(comment, page)
        refuse(rules.engagement_refusal(participant, comment))
        ratelimit.hit("comment_report_per_account", participant.key)
        try:
            with transaction.atomic():
                new_report = Report.objects.create(
                    comment=comment,
                    participant_key=participant.key,
                    reason=reason,
                    details=details,
                )
        except IntegrityError as error:
            raise Conflict(
                _("You have already reported this comment."), code="already_reported"
            ) from error
        open_reports = comment.reports.filter(resolved=False).count()
        if open_reports >= settings.COMMENTS_REPORTS_TO_HIDE and not _never_auto_hidden(comment):
            comment.state = CommentState.HIDDEN
            _keep_pin_for_restore(comment)
            comment.save(update_fields=["state", "is_pinned", "pin_on_restore"])
            caching.bump_on_commit(comment.page_id)
            ModerationLogEntry.objects.create(
                comment=comment,
                action=ModerationAction.AUTO_HIDE,
                from_state=CommentState.PUBLISHED,
                note=_("%(count)d reports") % {"count": open_reports},
            )
    return new_report


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
        Comment.objects.filter(Q(is_pinned=True) | Q(pin_on_restore=True), page_id=comment.page_id)
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
        _keep_pin_for_restore(comment)
    elif comment.pin_on_restore:
        # Restored (or approved after being hidden): the pin comes back.
        comment.is_pinned, comment.pin_on_restore = True, False
    if note:
        comment.moderator_note = note
    comment.save(
        update_fields=["state", "removal_reason", "is_pinned", "pin_on_restore", "moderator_note"]
    )
    entered_thread = from_state in (CommentState.PENDING, CommentState.REJECTED) and (
        comment.state == CommentState.PUBLISHED
    )
    if entered_thread and not comment.is_top_level:
        _count_reply(comment, +1)
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
        comments = Comment.objects.select_for_update().filter(pk__in=list(comment_ids))
        for comment in comments.order_by("pk"):
            if _apply(comment, action, moderator, note, reason):
                result.changed.append(comment)
            else:
                result.skipped.append(comment)
        caching.bump_on_commit(*(comment.page_id for comment in result.changed))
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
