"""The discussion's part of "Meine Daten" (accounts.data_export finds this module).

One's own comments with their state (and the public reason of a removal;
moderators' internal notes stay internal), the comments one supported or
reported, and, for moderators, the moderation actions they took. Other
people's texts and names never appear: a supported or reported comment is
named by its number and project only.
"""

from django.utils.translation import gettext_lazy as _

from comments.models import Comment, CommentState, ModerationLogEntry, Report, Support
from participation.participants import Participant, TokenState


def account_key(user) -> str:
    """The pseudonymous key supports and reports are stored under (participation.participants)."""
    return Participant(
        user=user, anonymous_token=None, token_state=TokenState.MISSING, ip_hash=""
    ).key


def page_title(comment) -> str:
    return comment.page.title if comment.page_id else ""


def personal_data(user):
    key = account_key(user)
    comments = Comment.objects.filter(author=user).select_related("page").order_by("created_at")
    yield {
        "key": "comments",
        "title": _("Comments"),
        "description": _("Everything you wrote in discussions, in every state."),
        "fields": {
            "id": _("Number"),
            "project": _("Project"),
            "reply_to": _("Reply to comment"),
            "created_at": _("Written"),
            "edited_at": _("Edited"),
            "state": _("State"),
            "removal_reason": _("Reason for the removal"),
            "official": _("Official answer"),
            "supports": _("Supports received"),
            "text": _("Text"),
        },
        "items": [
            {
                "id": comment.pk,
                "project": page_title(comment),
                "reply_to": comment.parent_id,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
                "state": str(comment.get_state_display()),
                "removal_reason": comment.removal_reason
                if comment.state == CommentState.REMOVED
                else "",
                "official": comment.is_official,
                "supports": comment.support_count,
                "text": comment.body,
            }
            for comment in comments
        ],
    }
    supports = (
        Support.objects.filter(participant_key=key)
        .select_related("comment__page")
        .order_by("created_at")
    )
    yield {
        "key": "supports",
        "title": _("Supports"),
        "description": _("Comments you supported (by number; the texts are other people's)."),
        "fields": {
            "comment": _("Comment"),
            "project": _("Project"),
            "created_at": _("Supported"),
        },
        "items": [
            {
                "comment": support.comment_id,
                "project": page_title(support.comment),
                "created_at": support.created_at,
            }
            for support in supports
        ],
    }
    reports = (
        Report.objects.filter(participant_key=key)
        .select_related("comment__page")
        .order_by("created_at")
    )
    yield {
        "key": "reports",
        "title": _("Reports"),
        "description": _("Comments you reported to the moderation, with your reason."),
        "fields": {
            "comment": _("Comment"),
            "project": _("Project"),
            "reason": _("Reason"),
            "details": _("Details"),
            "created_at": _("Reported"),
            "resolved": _("Resolved"),
        },
        "items": [
            {
                "comment": report.comment_id,
                "project": page_title(report.comment),
                "reason": str(report.get_reason_display()),
                "details": report.details,
                "created_at": report.created_at,
                "resolved": report.resolved,
            }
            for report in reports
        ],
    }
    actions = ModerationLogEntry.objects.filter(moderator=user).order_by("created_at", "id")
    if actions.exists():
        yield {
            "key": "moderation_actions",
            "title": _("Moderation actions"),
            "description": _("What you did as a moderator."),
            "fields": {
                "comment": _("Comment"),
                "action": _("Action"),
                "note": _("Note"),
                "created_at": _("Time"),
            },
            "items": [
                {
                    "comment": action.comment_id,
                    "action": str(action.get_action_display()),
                    "note": action.note,
                    "created_at": action.created_at,
                }
                for action in actions
            ],
        }
