"""Receivers that turn what other apps report into ``Event`` rows.

Pages reports news posts (``pages.events.news_published``), comments report
published comments and moderation decisions (``comments.events``), proposals
their official answers and moderation decisions (``proposals.events``); the
periodic job in ``notifications.schedule`` finds phases and polls by date.
Each event is stored once (its ``key`` is unique) and its fan-out
(``notifications.fanout``) is queued when the transaction commits.

What is stored is language-neutral: ``title`` is the thing's own name (the
news post's title, the project's, the phase's, the poll's), ``summary`` its
own text (an excerpt, or the moderator's reason), ``url`` a path. The
sentence around them ("A new phase started in …") comes from the event's
kind when a mail or the notification centre renders it, in the reader's
language.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from comments import targets
from comments.events import APPROVED, REJECTED, REMOVED, comment_moderated, comment_published
from comments.models import Comment, ModerationLogEntry
from notifications import fanout, notification_mails, sources  # noqa: F401 (registers renderers)
from notifications.models import Event, EventKind
from pages.events import news_published
from proposals.events import proposal_answered, proposal_moderated
from proposals.models import (
    Moderation,
    ProposalModerationAction,
    ProposalModerationLogEntry,
    ProposalState,
)

SUMMARY_LENGTH = 300

DECISION_KINDS = {
    APPROVED: EventKind.COMMENT_APPROVED,
    REJECTED: EventKind.COMMENT_REJECTED,
    REMOVED: EventKind.COMMENT_REMOVED,
}


def excerpt(text) -> str:
    return Truncator(strip_tags(str(text or "")).strip()).chars(SUMMARY_LENGTH)


def record_event(*, kind, key, page=None, recipient=None, title, summary="", url="", when=None):
    """Stores the event once and queues its fan-out on commit; None if it was known."""
    event, created = Event.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "page": page,
            "recipient": recipient,
            "title": Truncator(title).chars(255),
            "summary": summary,
            "url": url[:500],
            "occurred_at": when or timezone.now(),
        },
    )
    if not created:
        return None
    transaction.on_commit(partial(fanout.fan_out_event.enqueue, event.pk))
    return event


def comment_url(comment) -> str:
    """The comment in its thread: on its page, or on its subject's page (a proposal)."""
    thread = comment.root_id or comment.pk
    return f"{targets.shown_at(comment)}?comments_thread={thread}#comment-{comment.pk}"


def comment_title(comment) -> str:
    """The page's title, or the subject's for a comment on a subject."""
    subject = targets.subject_of(comment)
    return getattr(subject, "title", None) or comment.page.title


def on_news_published(sender, page, news, **kwargs):
    project = sources.public_project_of(page)
    if project is None:
        return
    record_event(
        kind=EventKind.NEWS,
        key=f"news:{news.key}",
        page=project,
        title=news.title,
        summary=excerpt(news.body),
        url=f"{project.url or ''}#{news.anchor}",
    )


def personal_recipient(comment):
    """The author of the comment answered, if that is someone else who may see the page."""
    if comment.parent_id is None:
        return None
    parent = Comment.objects.select_related("author").get(pk=comment.parent_id)
    author = parent.author
    if author is None or author.pk == comment.author_id:
        return None
    return author if sources.may_see(author, comment.page) else None


def on_comment_published(sender, comment, **kwargs):
    recipient = personal_recipient(comment)
    common = {
        "page": comment.page,
        "title": comment_title(comment),
        "summary": excerpt(comment.body),
        "url": comment_url(comment),
    }
    if comment.is_official:
        # The project's followers (if it is public) and the author answered, personally.
        record_event(
            kind=EventKind.OFFICIAL_ANSWER,
            key=f"official_answer:{comment.pk}",
            recipient=recipient,
            **common,
        )
    elif recipient is not None:
        record_event(kind=EventKind.REPLY, key=f"reply:{comment.pk}", recipient=recipient, **common)


def on_comment_moderated(sender, comment, decision, reason="", **kwargs):
    kind = DECISION_KINDS.get(decision)
    if kind is None or comment.author_id is None:
        return
    # A comment removed, restored and removed again is told twice: the log counts decisions.
    decided = ModerationLogEntry.objects.filter(comment_id=comment.pk).count()
    record_event(
        kind=kind,
        key=f"{kind}:{comment.pk}:{decided}",
        page=comment.page,
        recipient=comment.author,
        title=comment_title(comment),
        summary=excerpt(reason),
        url=comment_url(comment),
    )


def on_proposal_answered(sender, proposal, answer, **kwargs):
    """The project's followers and the proposal's author (personally, even withdrawn) hear it.

    Only for a public project: a restricted or unpublished one makes no event
    at all. The summary is the answer's own text behind its state's name.
    """
    project = sources.public_project_of(proposal.collection.page)
    if project is None:
        return
    # The state's name in the portal's language: the one sentence an answer always has.
    with translation.override(settings.LANGUAGE_CODE):
        state = str(ProposalState(answer.state).label)
    record_event(
        kind=EventKind.PROPOSAL_ANSWERED,
        key=f"proposal_answered:{answer.pk}",
        page=project,
        recipient=proposal.author,
        title=proposal.title,
        summary=excerpt(f"{state}: {answer.text}" if answer.text else state),
        url=reverse("ideen:proposal", args=(proposal.pk,)),
        when=answer.created_at,
    )


# The decisions a proposal's author hears of: publication out of pre-moderation, rejection, removal.
PROPOSAL_DECISIONS = {
    ProposalModerationAction.PUBLISH: EventKind.PROPOSAL_APPROVED,
    ProposalModerationAction.REJECT: EventKind.PROPOSAL_REJECTED,
    ProposalModerationAction.REMOVE: EventKind.PROPOSAL_REMOVED,
}


def on_proposal_moderated(sender, proposal, action, from_state, reason="", **kwargs):
    """The author hears of a decision on their proposal, with the reason for a rejection or removal.

    Publishing a hidden proposal again (or dismissing reports) decides
    nothing the author asked for: no event. A project that is not public
    makes none either.
    """
    kind = PROPOSAL_DECISIONS.get(action)
    if kind is None or proposal.author_id is None:
        return
    if kind == EventKind.PROPOSAL_APPROVED and from_state != Moderation.PENDING:
        return
    project = sources.public_project_of(proposal.collection.page)
    if project is None:
        return
    decided = ProposalModerationLogEntry.objects.filter(proposal_id=proposal.pk).count()
    record_event(
        kind=kind,
        key=f"{kind}:{proposal.pk}:{decided}",
        page=project,
        recipient=proposal.author,
        title=proposal.title,
        summary=excerpt(reason) if kind != EventKind.PROPOSAL_APPROVED else "",
        url=reverse("ideen:proposal", args=(proposal.pk,)),
    )


def connect() -> None:
    """Connects this module's receivers; called from ``NotificationsConfig.ready``."""
    news_published.connect(on_news_published, dispatch_uid="notifications_news_published")
    comment_published.connect(on_comment_published, dispatch_uid="notifications_comment_published")
    comment_moderated.connect(on_comment_moderated, dispatch_uid="notifications_comment_moderated")
    proposal_answered.connect(on_proposal_answered, dispatch_uid="notifications_proposal_answered")
    proposal_moderated.connect(
        on_proposal_moderated, dispatch_uid="notifications_proposal_moderated"
    )
