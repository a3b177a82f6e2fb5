"""Supports and reports: what signed-in participants do with others' comments."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from comments import caching, events, rules, targets
from comments.models import (
    Comment,
    CommentState,
    ModerationAction,
    ModerationLogEntry,
    Report,
    ReportReason,
    Support,
)
from comments.services.moderation import keep_pin_for_restore
from comments.services.posting import check_on_page, clean_free_text, get_comment, refuse
from participation import ratelimit
from participation.refusals import Conflict, InvalidInput

MAX_REPORT_DETAILS = 1000


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
            caching.bump_on_commit(targets.thread_key_of(comment))
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
        caching.bump_on_commit(targets.thread_key_of(comment))
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
            events.count_change(comment, comment.state, CommentState.HIDDEN)
            comment.state = CommentState.HIDDEN
            keep_pin_for_restore(comment)
            comment.save(update_fields=["state", "is_pinned", "pin_on_restore"])
            caching.bump_on_commit(targets.thread_key_of(comment))
            ModerationLogEntry.objects.create(
                comment=comment,
                action=ModerationAction.AUTO_HIDE,
                from_state=CommentState.PUBLISHED,
                note=_("%(count)d reports") % {"count": open_reports},
            )
    return new_report
