"""The comments API under /api/v1/comments/.

Reading is open to everyone (auth=None, GET only). Writing goes through the
same services as the HTML forms, so rules, limits and error codes are the
same; errors are problem+json (web.problems). Creating and replying
may be anonymous where a page allows it, so those endpoints use
``session_or_anonymous`` (which still checks CSRF); everything else needs a
signed-in session.
"""

import datetime
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from comments import caching, presentation, rules, services, subjects, threads
from comments.edge import writing_participant
from comments.mixins import commentable_page_models
from comments.schemas import (
    CommentEditIn,
    CommentIn,
    CommentOut,
    RepliesOut,
    ReportIn,
    ReportOut,
    SubjectThreadOut,
    SupportOut,
    ThreadOut,
)
from participation import compiled
from participation.page_access import restrictions_for, with_restriction_flag
from participation.refusals import NotFound
from web.auth import session_or_anonymous, signed_in_session
from web.page_access import page_access_from_request
from web.participants import participant_from_request
from web.schemas import problem_responses

router = Router(tags=["comments"])

READ_ERRORS = problem_responses(400, 403, 404)
WRITE_ERRORS = problem_responses(400, 401, 403, 404, 409, 413, 415, 429)


def no_discussion() -> NotFound:
    return NotFound(_("There is no discussion on this page."), code="page_not_found")


def load_commentable_page(request, page_id: int):
    """(page, restricted): the live page that takes comments and the visitor may see.

    Anything else, a page of another site or one behind a restriction the
    visitor does not pass included, is a 404: the same answer as for a page
    that does not exist, so ids reveal nothing.
    """
    for model in commentable_page_models():
        page = next(
            iter(compiled.run(("commentable-page", model), live_page_of(model), [page_id])), None
        )
        if page is not None:
            break
    else:
        raise no_discussion()
    restrictions = restrictions_for([page]).get(page.pk, [])
    if not page_access_from_request(request).may_view(page, restrictions):
        raise no_discussion()
    return page, bool(restrictions)


def live_page_of(model):
    """The live page of ``model`` with an id, flagged if restricted (``compiled.run``'s build)."""

    def build(page_id):
        return with_restriction_flag(model.objects.live().filter(pk=page_id)).order_by("pk")[:1]

    return build


def commentable_page(request, page_id: int):
    return load_commentable_page(request, page_id)[0]


def visible_comment(request, comment_id: int):
    """(comment, target) for a comment on a page (or a subject) the visitor may see.

    A comment on a page they may not see answers exactly as a comment that
    does not exist does, so that comment ids reveal nothing. A comment on a
    subject (a proposal) is visible when the subject is (its own check,
    which includes its page's).
    """
    comment = services.get_comment(comment_id)
    try:
        if comment.subject_type_id is not None:
            page = subjects.load_subject_of(request, comment)
        else:
            page = commentable_page(request, comment.page_id)
    except NotFound as error:
        raise NotFound(_("This comment does not exist."), code="comment_not_found") from error
    return comment, page


def discussion_out(participant, page) -> dict:
    problem = rules.posting_refusal(participant, page)
    return {
        "open": rules.discussion_open(page),
        "can_post": problem is None,
        "refusal": problem.detail if problem else None,
        "refusal_code": problem.code if problem else None,
        "pre_moderated": rules.pre_moderated(page),
        "anonymous_allowed": rules.anonymous_allowed(page),
    }


def decorated(thread, participant, discussion):
    presentation.decorate(
        threads.all_comments(thread),
        participant,
        thread.page,
        supported_ids=thread.supported_ids,
        can_post=discussion["can_post"],
    )
    presentation.decorate(thread.own_pending, participant, thread.page)
    return thread


class ThreadQuery(Schema):
    sort: str | None = None
    cursor: str | None = None


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_value)


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_response(head: dict, body_json: str) -> HttpResponse:
    """``head`` and the JSON object ``body_json`` (perhaps from the cache) as one object."""
    head_json = to_json(head)
    joined = head_json[:-1] + ("," + body_json[1:] if body_json != "{}" else "}")
    return HttpResponse(joined, content_type="application/json; charset=utf-8")


def thread_body(page, participant, query, discussion, thread=None) -> dict:
    if thread is None:
        thread = threads.load_thread(page, participant, sort=query.sort, cursor=query.cursor)
    decorated(thread, participant, discussion)
    return {
        "sort": thread.sort,
        "comment_count": thread.comment_count,
        "pinned": [presentation.thread_comment_out(root) for root in thread.pinned],
        "comments": [presentation.thread_comment_out(root) for root in thread.comments],
        "next_cursor": thread.next_cursor,
        "own_pending": [presentation.comment_out(c) for c in thread.own_pending],
    }


def shared_thread(page, query, parts, found) -> threads.Thread:
    """The part of a page of the thread that is the same for every viewer, cached per version."""

    def build():
        thread = threads.load_shared_thread(page, sort=query.sort, cursor=query.cursor)
        thread.page = None  # the entry keeps the comments; the page comes with each request
        return thread

    thread = caching.get_or_build(page.pk, parts, build, found=found)
    thread.page = page
    return thread


@router.get("/pages/{page_id}", response={200: ThreadOut, **READ_ERRORS}, auth=None)
def read_thread(request, page_id: int, query: Query[ThreadQuery]):
    """A page of the discussion: top-level comments with their first replies and counts.

    ``sort`` is newest (default), oldest or most_supported; pass ``next_cursor``
    as ``cursor`` for the next page. Pinned official answers come first on
    the first page.
    """
    participant = participant_from_request(request)
    if not caching.enabled():
        page = commentable_page(request, page_id)
        discussion = discussion_out(participant, page)
        body = to_json(thread_body(page, participant, query, discussion))
        return json_response({"page_id": page.pk, "discussion": discussion}, body)
    # Visitors who see nothing of their own share the finished answer; everyone
    # else shares the comments and adds their own supports and pending ones.
    shares_answer = caching.applies_to(participant)
    if shares_answer:
        parts = ("api", query.sort, query.cursor)
    else:
        parts = ("shared", caching.model_signature(), query.sort, query.cursor)
    found = caching.prefetch(page_id, parts)
    page = caching.page_snapshot(page_id, found, lambda: load_commentable_page(request, page_id))
    if not participant.page_access.in_site(page.path):
        # A cached snapshot is of an unrestricted page, but perhaps of another site.
        raise no_discussion()
    discussion = discussion_out(participant, page)
    if shares_answer:
        body = caching.get_or_build(
            page.pk,
            parts,
            lambda: to_json(thread_body(page, participant, query, discussion)),
            found=found,
            stamp=(discussion["can_post"],),
        )
    else:
        thread = shared_thread(page, query, parts, found)
        threads.add_viewer_data(thread, participant)
        body = to_json(thread_body(page, participant, query, discussion, thread))
    # Serialised here rather than validated by ninja on every request; the
    # tests check the output against ThreadOut, which documents it.
    return json_response({"page_id": page.pk, "discussion": discussion}, body)


@router.get(
    "/subjects/{kind}/{subject_id}", response={200: SubjectThreadOut, **READ_ERRORS}, auth=None
)
def read_subject_thread(request, kind: str, subject_id: int, query: Query[ThreadQuery]):
    """The discussion of a subject on a page (``kind`` "proposal": a citizens' proposal).

    The same thread, sorts and cursors as for a page; visible when the
    subject is.
    """
    target = subjects.load_subject(request, kind, subject_id)
    participant = participant_from_request(request)
    discussion = discussion_out(participant, target)
    body = to_json(thread_body(target, participant, query, discussion))
    head = {
        "page_id": target.discussion_page_id,
        "subject": f"{kind}:{target.pk}",
        "discussion": discussion,
    }
    return json_response(head, body)


@router.post(
    "/subjects/{kind}/{subject_id}",
    response={201: CommentOut, **WRITE_ERRORS},
    auth=session_or_anonymous,
)
def create_subject_comment(request, kind: str, subject_id: int, payload: CommentIn):
    """Writes a top-level comment on a subject; replies and the rest use the comment's id."""
    target = subjects.load_subject(request, kind, subject_id)
    comment = services.post_comment(
        target, writing_participant(request, target), body=payload.body, official=payload.official
    )
    return Status(201, single_out(request, comment, target))


class RepliesQuery(Schema):
    cursor: str | None = None


@router.get("/{comment_id}/replies", response={200: RepliesOut, **READ_ERRORS}, auth=None)
def read_replies(request, comment_id: int, query: Query[RepliesQuery]):
    """All replies of a top-level comment, oldest first, a page at a time."""
    comment, page = visible_comment(request, comment_id)
    participant = participant_from_request(request)
    thread = threads.load_replies(page, comment.pk, participant, cursor=query.cursor)
    decorated(thread, participant, discussion_out(participant, page))
    return {
        "page_id": page.discussion_page_id,
        "root": presentation.comment_out(thread.root),
        "replies": [presentation.comment_out(reply) for reply in thread.replies],
        "next_cursor": thread.next_cursor,
    }


def single_out(request, comment, page) -> dict:
    participant = participant_from_request(request)
    presentation.decorate(
        [comment], participant, page, can_post=rules.posting_refusal(participant, page) is None
    )
    return presentation.comment_out(comment)


@router.post(
    "/pages/{page_id}", response={201: CommentOut, **WRITE_ERRORS}, auth=session_or_anonymous
)
def create_comment(request, page_id: int, payload: CommentIn):
    """Writes a top-level comment. Its ``state`` says whether it awaits moderation."""
    page = commentable_page(request, page_id)
    comment = services.post_comment(
        page, writing_participant(request, page), body=payload.body, official=payload.official
    )
    return Status(201, single_out(request, comment, page))


@router.post(
    "/{comment_id}/replies", response={201: CommentOut, **WRITE_ERRORS}, auth=session_or_anonymous
)
def create_reply(request, comment_id: int, payload: CommentIn):
    """Answers a published comment (up to the maximum depth)."""
    parent, page = visible_comment(request, comment_id)
    comment = services.reply(
        parent.pk,
        writing_participant(request, page),
        page=page,
        body=payload.body,
        official=payload.official,
    )
    return Status(201, single_out(request, comment, page))


@router.patch("/{comment_id}", response={200: CommentOut, **WRITE_ERRORS}, auth=signed_in_session)
def edit_comment(request, comment_id: int, payload: CommentEditIn):
    """Changes the text of one's own comment within the edit window; it is marked as edited."""
    comment, page = visible_comment(request, comment_id)
    comment = services.edit_comment(
        comment.pk, participant_from_request(request), page=page, body=payload.body
    )
    return single_out(request, services.get_comment(comment.pk), page)


@router.delete("/{comment_id}", response={204: None, **WRITE_ERRORS}, auth=signed_in_session)
def delete_comment(request, comment_id: int):
    """Deletes one's own comment; a placeholder keeps the replies readable."""
    comment, page = visible_comment(request, comment_id)
    services.delete_own_comment(comment.pk, participant_from_request(request), page=page)
    return Status(204, None)


@router.put(
    "/{comment_id}/support", response={200: SupportOut, **WRITE_ERRORS}, auth=signed_in_session
)
def support_comment(request, comment_id: int):
    """Supports a comment (once per participant; 409 if already)."""
    comment, page = visible_comment(request, comment_id)
    count = services.support(comment.pk, participant_from_request(request), page=page)
    return {"comment_id": comment.pk, "support_count": count, "supported_by_me": True}


@router.delete(
    "/{comment_id}/support", response={200: SupportOut, **WRITE_ERRORS}, auth=signed_in_session
)
def unsupport_comment(request, comment_id: int):
    """Takes one's support back (409 if there was none)."""
    comment, page = visible_comment(request, comment_id)
    count = services.unsupport(comment.pk, participant_from_request(request), page=page)
    return {"comment_id": comment.pk, "support_count": count, "supported_by_me": False}


@router.post(
    "/{comment_id}/reports", response={201: ReportOut, **WRITE_ERRORS}, auth=signed_in_session
)
def report_comment(request, comment_id: int, payload: ReportIn):
    """Reports a comment to the moderation (once per participant; 409 if already).

    Enough reports hide the comment until a moderator has looked at it.
    """
    comment, page = visible_comment(request, comment_id)
    report = services.report(
        comment.pk,
        participant_from_request(request),
        page=page,
        reason=payload.reason,
        details=payload.details,
    )
    return Status(
        201, {"comment_id": comment.pk, "reason": report.reason, "created_at": report.created_at}
    )
