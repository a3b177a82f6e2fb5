"""Typed request and response bodies of the comments API.

Never part of a response: e-mail addresses, user ids, participant keys, IP
hashes, moderator notes, and the text of other people's pending, hidden,
rejected or removed comments.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from comments.models import ReportReason

# Generous bounds for the parser; the exact limits (and their German
# messages) come from the services.
MAX_BODY_INPUT = 100_000


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=MAX_BODY_INPUT)
    official: bool = False


class CommentEditIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=MAX_BODY_INPUT)


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: Literal[tuple(ReportReason.values)]  # type: ignore[valid-type]
    details: str = Field(default="", max_length=MAX_BODY_INPUT)


class AuthorOut(Schema):
    name: str
    kind: Literal["registered", "anonymous", "deleted"]


class CommentOut(Schema):
    id: int
    parent_id: int | None
    root_id: int | None
    depth: int
    state: str = Field(
        description="published, hidden, removed or deleted_by_author; "
        "pending or rejected only for the author's own comments"
    )
    body: str | None = Field(description="Plain text as typed; render it as text, never as HTML")
    body_html: str | None = Field(description="Safe HTML: paragraphs, line breaks, links")
    placeholder: str | None = Field(description="Shown instead of the text of a hidden comment")
    author: AuthorOut | None
    is_official: bool
    is_pinned: bool
    created_at: datetime
    edited_at: datetime | None
    support_count: int
    reply_count: int
    supported_by_me: bool
    is_mine: bool
    editable_until: datetime | None
    can_reply: bool
    can_support: bool = Field(
        description="Offer support: signed in and someone else's published comment "
        "(an account without a confirmed e-mail address is then asked to confirm it)"
    )
    can_report: bool = Field(description="Offer reporting; the same rule as can_support")
    can_delete: bool = Field(description="The viewer's own comment, which they may delete")


class ThreadCommentOut(CommentOut):
    replies: list[CommentOut] = Field(description="The first replies, in thread order")
    more_replies: bool


class DiscussionOut(Schema):
    open: bool
    can_post: bool
    refusal: str | None = Field(description="Why the visitor cannot write, if they cannot")
    refusal_code: str | None
    pre_moderated: bool
    anonymous_allowed: bool


class ThreadOut(Schema):
    page_id: int
    sort: Literal["newest", "oldest", "most_supported"]
    comment_count: int = Field(description="Published comments on the page, replies included")
    discussion: DiscussionOut
    pinned: list[ThreadCommentOut] = Field(description="Pinned official answers (first page)")
    comments: list[ThreadCommentOut]
    next_cursor: str | None
    own_pending: list[CommentOut] = Field(
        description="The visitor's own comments awaiting review or rejected"
    )


class SubjectThreadOut(ThreadOut):
    subject: str = Field(description='The subject the discussion is about, e.g. "proposal:7"')
    comment_count: int = Field(description="Published comments on the subject, replies included")


class RepliesOut(Schema):
    page_id: int
    root: CommentOut
    replies: list[CommentOut] = Field(description="Replies in date order")
    next_cursor: str | None


class SupportOut(Schema):
    comment_id: int
    support_count: int
    supported_by_me: bool


class ReportOut(Schema):
    comment_id: int
    reason: str
    created_at: datetime
