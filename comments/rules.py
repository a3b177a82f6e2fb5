"""Who may do what with comments: the one place these rules live.

Each ``*_refusal`` function returns the Refusal that forbids an action, or
None when it is allowed; services raise it, templates use it to show the
form or say why there is none. The rules:

Reading
    Published comments are public. Hidden, removed and author-deleted
    comments keep their place in the thread as a placeholder (removed ones
    with the moderation's reason), so the replies stay readable. Pending and
    rejected comments are shown to their author only (listed above the
    thread), never to others; moderators see everything in the admin.
Writing
    Only on targets that take comments (``comments.mixins.DiscussionTarget``:
    models inheriting ``DiscussionMixin`` and their cached snapshots), while
    the discussion is open: ``comments_enabled`` and, if the target
    ``comments_follow_phases``, one of its ``participation_periods()``
    includes today. Registered citizens need a verified e-mail address. Anonymous
    participants only where ``comments_allow_anonymous``; their comments
    are always checked first. Staff (admin users) may also answer while the
    discussion is closed: the city's answer often comes after the phase.
Replies
    Only to comments on the same page that are published (not pending,
    hidden, removed or deleted), and not deeper than ``COMMENTS_MAX_DEPTH``.
Editing and deleting
    Registered authors only, their own comments. Editing within
    ``COMMENTS_EDIT_WINDOW_MINUTES`` and while published or pending; on
    pre-moderated pages only while still pending, so an approved text
    cannot be swapped for another. Deleting keeps a placeholder for
    comments that were public and removes never-published ones for good.
Official answers and pinning
    Staff only. Only official top-level comments can be pinned (in the
    admin), at most ``COMMENTS_MAX_PINNED`` per page.
Supports and reports
    Signed-in participants with a verified e-mail address, once per
    comment, not on their own comments, only on published comments.
    ``COMMENTS_REPORTS_TO_HIDE`` open reports hide a comment until a
    moderator reviews it.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import targets as discussion_targets
from comments.mixins import DiscussionTarget
from comments.models import CommentState
from comments.moderation import CommentModeration
from participation.refusals import Conflict, Forbidden, InvalidInput, NotFound, NotSignedIn

EDITABLE_STATES = (CommentState.PUBLISHED, CommentState.PENDING)


def is_commentable(target) -> bool:
    return isinstance(target, DiscussionTarget)


def discussion_open(target, today=None) -> bool:
    if not is_commentable(target) or not target.comments_enabled:
        return False
    if not target.comments_follow_phases:
        return True
    periods = target.participation_periods()
    if periods is None:
        return True
    today = today or timezone.localdate()
    return any(first <= today <= last for first, last in periods)


def anonymous_allowed(target) -> bool:
    return is_commentable(target) and target.comments_allow_anonymous


def pre_moderated(target) -> bool:
    """Every comment is checked before it is published (anonymous ones always are)."""
    return is_commentable(target) and target.comments_moderation == CommentModeration.PRE


def posting_refusal(participant, target):
    """Why ``participant`` may not write on ``target`` now, or None."""
    if not is_commentable(target):
        return NotFound(_("Comments are not possible on this page."), code="not_commentable")
    if participant.is_staff:
        return None
    if not discussion_open(target):
        return Forbidden(_("The discussion is closed."), code="comments_closed")
    if participant.is_authenticated:
        if not participant.has_verified_email:
            return Forbidden(
                _("Please confirm your e-mail address before you take part."),
                code="email_not_verified",
            )
        return None
    if not anonymous_allowed(target):
        return Forbidden(
            _("Please sign in to take part in the discussion."), code="anonymous_not_allowed"
        )
    return None


def needs_anonymous_key(participant, target) -> bool:
    """An anonymous browser that may write here gets its token first, so that it has a key."""
    return (
        not participant.is_authenticated
        and participant.key is None
        and posting_refusal(participant, target) is None
    )


def may_answer_officially(participant) -> bool:
    """Staff speak for the city: only they may mark a comment as an official answer."""
    return participant.is_staff


def official_refusal(participant, official: bool):
    if official and not may_answer_officially(participant):
        return Forbidden(_("Only staff can give official answers."), code="not_staff")
    return None


def reply_refusal(participant, parent, target):
    """Why ``participant`` may not answer ``parent`` on ``target``, or None."""
    problem = posting_refusal(participant, target)
    if problem:
        return problem
    if not discussion_targets.holds(target, parent):
        return InvalidInput(
            _("The comment you answer belongs to another page."),
            code="parent_not_on_page",
            errors=[{"field": "parent", "message": _("This comment is not on this page.")}],
        )
    if parent.state in (CommentState.PENDING, CommentState.REJECTED):
        return NotFound(_("This comment does not exist."), code="comment_not_found")
    if parent.state != CommentState.PUBLISHED:
        return Conflict(
            _("This comment has been removed or is being reviewed; it cannot be answered."),
            code="parent_removed",
        )
    if parent.depth >= settings.COMMENTS_MAX_DEPTH:
        return Conflict(
            _("Replies cannot be nested deeper. Please answer the comment above instead."),
            code="max_depth",
        )
    return None


def initial_state(participant, target) -> CommentState:
    if participant.is_staff:
        return CommentState.PUBLISHED
    if not participant.is_authenticated:
        return CommentState.PENDING
    if pre_moderated(target):
        return CommentState.PENDING
    return CommentState.PUBLISHED


def edit_deadline(comment):
    return comment.created_at + timedelta(minutes=settings.COMMENTS_EDIT_WINDOW_MINUTES)


def authorship_refusal(participant, comment):
    if not participant.is_authenticated:
        return NotSignedIn(_("Please sign in first."))
    if comment.author_id != participant.user.pk:
        return Forbidden(_("You can only change your own comments."), code="not_author")
    return None


def edit_refusal(participant, comment, target, now=None):
    problem = authorship_refusal(participant, comment)
    if problem:
        return problem
    if comment.state not in EDITABLE_STATES:
        return Conflict(_("This comment can no longer be edited."), code="not_editable")
    if (now or timezone.now()) > edit_deadline(comment):
        return Forbidden(
            _("Comments can only be edited within %(minutes)d minutes.")
            % {"minutes": settings.COMMENTS_EDIT_WINDOW_MINUTES},
            code="edit_window_over",
        )
    if (
        comment.state == CommentState.PUBLISHED
        and pre_moderated(target)
        and not participant.is_staff
    ):
        return Forbidden(
            _("Approved comments on this page can no longer be edited."),
            code="approved_not_editable",
        )
    return None


def can_edit(participant, comment, target, now=None) -> bool:
    return edit_refusal(participant, comment, target, now) is None


def delete_refusal(participant, comment):
    problem = authorship_refusal(participant, comment)
    if problem:
        return problem
    if comment.state in (CommentState.DELETED_BY_AUTHOR, CommentState.REMOVED):
        return Conflict(_("This comment has already been removed."), code="already_deleted")
    return None


def can_delete(participant, comment) -> bool:
    return delete_refusal(participant, comment) is None


def engagement_refusal(participant, comment):
    """Shared by supports and reports: signed in, verified, someone else's published comment."""
    if not participant.is_authenticated:
        return NotSignedIn(_("Please sign in first."))
    if not participant.has_verified_email:
        return Forbidden(
            _("Please confirm your e-mail address before you take part."),
            code="email_not_verified",
        )
    if comment.state in (CommentState.PENDING, CommentState.REJECTED):
        return NotFound(_("This comment does not exist."), code="comment_not_found")
    if comment.state != CommentState.PUBLISHED:
        return Conflict(_("This comment is not published."), code="not_published")
    if comment.author_id == participant.user.pk:
        return Forbidden(_("You cannot do this with your own comment."), code="own_comment")
    return None


def can_engage(participant, comment) -> bool:
    """Whether the support and report buttons make sense (without asking the database)."""
    return (
        participant.is_authenticated
        and comment.state == CommentState.PUBLISHED
        and comment.author_id != participant.user.pk
    )


def can_moderate(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("comments.moderate_comment"))
    )
