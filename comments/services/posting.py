"""Writing on a discussion: posting, replying, editing and deleting one's own comments."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import caching, events, rules, targets
from comments.models import Comment, CommentState
from participation import ratelimit, text_hygiene
from participation.refusals import InvalidInput, NotFound, Refusal


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
    if not targets.holds(page, comment):
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


def count_reply(comment: Comment, delta: int) -> None:
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
            **targets.placement(page),
            body=text,
            state=rules.initial_state(participant, page),
            is_official=bool(official),
            **_author_fields(participant),
        )
        if comment.state == CommentState.PUBLISHED:
            events.announce_published(comment)
        events.count_change(comment, None, comment.state)
        caching.bump_on_commit(targets.thread_key(page))
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
            **targets.placement(page),
            parent=parent,
            root_id=parent.root_id or parent.pk,
            depth=parent.depth + 1,
            body=text,
            state=rules.initial_state(participant, page),
            is_official=bool(official),
            **_author_fields(participant),
        )
        if comment.state == CommentState.PUBLISHED:
            count_reply(comment, +1)
            events.announce_published(comment)
        events.count_change(comment, None, comment.state)
        caching.bump_on_commit(targets.thread_key(page))
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
            caching.bump_on_commit(targets.thread_key_of(comment))
    return comment


def delete_own_comment(comment_id, participant, *, page) -> Comment | None:
    """Empties a public comment (a placeholder keeps the thread); others disappear for good."""
    with transaction.atomic():
        comment = get_comment(comment_id, lock=True)
        check_on_page(comment, page)
        refuse(rules.delete_refusal(participant, comment))
        caching.bump_on_commit(targets.thread_key_of(comment))
        if comment.state in (CommentState.PENDING, CommentState.REJECTED):
            comment.delete()
            return None
        events.count_change(comment, comment.state, CommentState.DELETED_BY_AUTHOR)
        comment.state = CommentState.DELETED_BY_AUTHOR
        comment.body = ""
        comment.is_pinned = comment.pin_on_restore = False
        comment.save(update_fields=["state", "body", "is_pinned", "pin_on_restore"])
        comment.reports.filter(resolved=False).update(resolved=True)
    return comment
