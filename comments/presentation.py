"""What a viewer may see of and do with each comment, for the templates and the API.

``decorate`` sets per-comment flags (``is_mine``, ``supported``,
``can_edit``, ...) from data already loaded, without further queries.
``public_text`` decides what of a comment is shown: the text of a
published comment (or of one's own pending comment), otherwise a placeholder.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import rules
from comments.models import CommentState
from comments.rendering import render_body


def placeholder(comment) -> str:
    """The sentence shown instead of a comment's text, or '' when the text is shown."""
    if comment.state == CommentState.DELETED_BY_AUTHOR:
        return _("This comment was deleted by its author.")
    if comment.state == CommentState.REMOVED:
        if comment.removal_reason:
            return _("This comment was removed by the moderation. Reason: %(reason)s") % {
                "reason": comment.removal_reason
            }
        return _("This comment was removed by the moderation.")
    if comment.state == CommentState.HIDDEN:
        return _("This comment has been reported and is being reviewed by the moderation.")
    return ""


def is_mine(participant, comment) -> bool:
    if participant.is_authenticated:
        return comment.author_id == participant.user.pk
    return bool(participant.key) and comment.anonymous_key == participant.key


def decorate(comments, participant, page, supported_ids=(), can_post=False, now=None):
    """Sets the viewer's flags on each comment (no database access)."""
    now = now or timezone.now()
    for comment in comments:
        comment.is_mine = is_mine(participant, comment)
        comment.supported = comment.pk in supported_ids
        comment.placeholder = placeholder(comment)
        comment.can_edit = comment.is_mine and rules.can_edit(participant, comment, page, now)
        comment.edit_deadline = rules.edit_deadline(comment) if comment.can_edit else None
        comment.can_delete = comment.is_mine and rules.can_delete(participant, comment)
        comment.can_engage = rules.can_engage(participant, comment)
        comment.can_reply = (
            can_post
            and comment.state == CommentState.PUBLISHED
            and comment.depth < settings.COMMENTS_MAX_DEPTH
        )


def author_out(comment) -> dict | None:
    if comment.placeholder:
        return None
    if comment.author_id is not None:
        kind = "registered"
    elif comment.anonymous_key:
        kind = "anonymous"
    else:
        kind = "deleted"
    return {"name": comment.author_name, "kind": kind}


def comment_out(comment) -> dict:
    """The API representation; text only where the viewer may read it."""
    shows_text = not comment.placeholder
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "root_id": comment.root_id,
        "depth": comment.depth,
        "state": comment.state,
        "body": comment.body if shows_text else None,
        "body_html": str(render_body(comment.body)) if shows_text else None,
        "placeholder": comment.placeholder or None,
        "author": author_out(comment),
        "is_official": comment.is_official,
        "is_pinned": comment.is_pinned,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "support_count": comment.support_count,
        "reply_count": comment.reply_count,
        "supported_by_me": comment.supported,
        "is_mine": comment.is_mine,
        "editable_until": comment.edit_deadline,
        "can_reply": comment.can_reply,
        "can_support": comment.can_engage,
        "can_report": comment.can_engage,
        "can_delete": comment.can_delete,
    }


def flatten(root) -> list:
    """The replies shown below ``root``, in date order (the tree's pre-order)."""
    replies = []
    stack = list(reversed(root.children))
    while stack:
        comment = stack.pop()
        replies.append(comment)
        stack.extend(reversed(comment.children))
    return replies


def thread_comment_out(root) -> dict:
    return {
        **comment_out(root),
        "replies": [comment_out(reply) for reply in flatten(root)],
        "more_replies": root.more_replies,
    }
