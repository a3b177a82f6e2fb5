"""What a viewer may see of and do with each comment, for the templates and the API.

``decorate`` sets per-comment flags (``is_mine``, ``supported``,
``can_edit``, ...) from data already loaded, without further queries.
``public_text`` decides what of a comment is shown: the text of a
published comment (or of one's own pending comment), otherwise a placeholder.
``thread_context`` is the discussion on a page as the template tag shows it
(position, open form, the cached listing), as ``polls.presentation`` is for
a poll.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from comments import caching, rules, subjects, targets, threads
from comments.forms import CommentForm, ReportForm, bound
from comments.models import CommentState
from comments.rendering import render_body
from participation.refusals import Refusal
from web.participants import participant_from_request


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


# --- The discussion on a page, as ``{% comment_thread page %}`` shows it ---
#
# Everything works with links and plain forms: the sort order, the next
# page (``comments_after``), a thread's full view (``comments_thread``) and
# the form opened at a comment (``comments_reply`` / ``_edit`` / ``_report``
# / ``_delete``) are query parameters. After a failed POST the page is
# re-rendered from ``request.portal_form_state["comments"]``: the same place
# in the thread, the form with the visitor's input and the message.

MODES = ("reply", "edit", "report", "delete")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class Links:
    """URLs within the discussion, keeping the visitor's place in it."""

    def __init__(self, page_url: str, position: dict):
        self.page_url = page_url
        self.position = {key: value for key, value in position.items() if value}

    def url(self, fragment="comments", **params) -> str:
        query = {f"comments_{key}": value for key, value in {**self.position, **params}.items()}
        query = {key: value for key, value in query.items() if value not in (None, "")}
        return (
            f"{self.page_url}?{urlencode(query)}#{fragment}"
            if query
            else (f"{self.page_url}#{fragment}")
        )

    def sort(self, sort):
        return self.url(sort=sort if sort != threads.DEFAULT_SORT else None, after=None)

    def next_page(self, cursor):
        return self.url(after=cursor)

    def thread(self, root):
        return self.url(f"comment-{root.pk}", thread=root.pk, after=None, sort=None)

    def form(self, mode, comment):
        return self.url(f"comment-{comment.pk}-form", **{mode: comment.pk})

    def overview(self):
        return self.url(thread=None, after=None)


class CommentLinks:
    """A comment's links (``links.reply``, ``links.thread``), built only when a template asks."""

    def __init__(self, links: Links, comment):
        self._links = links
        self._comment = comment

    def __getitem__(self, name):
        if name == "thread":
            return self._links.thread(self._comment)
        if name in MODES:
            return self._links.form(name, self._comment)
        raise KeyError(name)


def _requested_position(request, state):
    if state:
        return dict(state.get("position") or {})
    return {
        name: request.GET.get(f"comments_{name}", "")
        for name in ("sort", "after", "thread")
        if request.GET.get(f"comments_{name}")
    }


def _requested_form(request, state):
    if state:
        return state.get("mode"), _int(state.get("target"))
    for mode in MODES:
        target = _int(request.GET.get(f"comments_{mode}"))
        if target:
            return mode, target
    return None, None


def _load(page, participant, position):
    """The requested page of the discussion; a broken link falls back to the first page."""
    sort = position.get("sort") if position.get("sort") in threads.SORTS else None
    try:
        if _int(position.get("thread")):
            return threads.load_replies(
                page, position["thread"], participant, cursor=position.get("after")
            ), None
        return threads.load_thread(page, participant, sort=sort, cursor=position.get("after")), None
    except Refusal as problem:
        return threads.load_thread(page, participant, sort=sort), problem.detail


def _active_form(mode, target, state, comment_by_id, participant):
    """The form opened at one comment (reply, edit, report, delete), with errors after a failure."""
    comment = comment_by_id.get(target)
    problem = state.get("problem") if state else None
    data = state.get("data") if state else None
    if comment is None:
        return None
    auto_id = f"comment-{comment.pk}-%s"
    if mode == "reply" and (comment.can_reply or problem):
        form = bound(
            CommentForm,
            data,
            auto_id=auto_id,
            problem=problem,
            label=_("Your reply"),
            allow_official=rules.may_answer_officially(participant),
        )
    elif mode == "edit" and (comment.can_edit or problem):
        form = bound(CommentForm, data or {"body": comment.body}, auto_id=auto_id, problem=problem)
    elif mode == "report" and (comment.can_engage or problem):
        form = bound(ReportForm, data, auto_id=auto_id, problem=problem)
    elif (mode == "delete" and (comment.can_delete or problem)) or (mode == "support" and problem):
        form = None
    else:
        return None
    return {"mode": mode, "target": comment.pk, "form": form, "problem": problem}


def _sort_links(links, current):
    return [
        {"sort": sort, "label": label, "url": links.sort(sort), "current": sort == current}
        for sort, label in (
            (threads.NEWEST, _("Newest first")),
            (threads.OLDEST, _("Oldest first")),
            (threads.MOST_SUPPORTED, _("Most supported")),
        )
    ]


class Discussion:
    """Everything the discussion of one page needs for one visitor, built on demand."""

    def __init__(self, context, page):
        self.context = context
        self.request = context["request"]
        self.page = page
        self.participant = participant_from_request(self.request)
        self.state = (getattr(self.request, "portal_form_state", None) or {}).get("comments")
        self.position = _requested_position(self.request, self.state)
        self.mode, self.target = _requested_form(self.request, self.state)
        self.refusal = rules.posting_refusal(self.participant, page)
        self.notice = None

    @property
    def shares_cached_listing(self) -> bool:
        """Visitors with nothing of their own, no form open and no failed form share the list."""
        return caching.applies_to(self.participant) and not self.state and not self.mode

    def links(self):
        return Links(self.page.get_url(request=self.request) or self.request.path, self.position)

    def load(self):
        """The thread page with the viewer's flags and links set on every comment."""
        thread, self.notice = _load(self.page, self.participant, self.position)
        if self.notice:
            self.position = (
                {"sort": self.position["sort"]}
                if self.position.get("sort") in threads.SORTS
                else {}
            )
        comments = [*threads.all_comments(thread), *thread.own_pending]
        decorate(
            comments,
            self.participant,
            self.page,
            supported_ids=thread.supported_ids,
            can_post=not self.refusal,
        )
        links = self.links()
        for comment in comments:
            comment.links = CommentLinks(links, comment)
        active = _active_form(
            self.mode, self.target, self.state, {c.pk: c for c in comments}, self.participant
        )
        return thread, active, links

    def listing(self, thread, active, links) -> str:
        return render_to_string(
            "comments/thread_listing.html",
            {
                "thread": thread,
                "active": active,
                "links": links,
                "page": self.page,
                "subject_ref": subjects.reference(self.page),
                "position": self.position,
                "csrf_token": self.context.get("csrf_token"),
                "sort_links": _sort_links(links, thread.sort),
                "next_url": links.next_page(thread.next_cursor) if thread.next_cursor else None,
                "overview_url": links.overview(),
            },
        )

    def build_listing(self) -> dict:
        thread, active, links = self.load()
        return {
            "html": self.listing(thread, active, links),
            "comment_count": thread.comment_count,
            "notice": self.notice,
        }


def thread_context(context, page) -> dict:
    """The context of ``comments/thread.html`` for one page and one viewer."""
    discussion = Discussion(context, page)
    state = discussion.state
    own_pending, active = [], None
    if discussion.shares_cached_listing:
        parts = (
            "html",
            discussion.links().page_url,
            tuple(sorted(discussion.position.items())),
            discussion.refusal is None,
        )
        shared = caching.get_or_build(
            targets.thread_key(page),
            parts,
            discussion.build_listing,
            keep=lambda value: not value["notice"],
        )
        listing, comment_count, notice = shared["html"], shared["comment_count"], shared["notice"]
    else:
        thread, active, links = discussion.load()
        listing = discussion.listing(thread, active, links)
        comment_count, notice, own_pending = (
            thread.comment_count,
            discussion.notice,
            (thread.own_pending),
        )
    participant = discussion.participant
    links = discussion.links()
    new_problem = state.get("problem") if state and state.get("mode") == "new" else None
    # A failure at a comment that is not on this page still needs saying.
    stray_problem = state.get("problem") if state and not new_problem and not active else None
    new_form = bound(
        CommentForm,
        state.get("data") if new_problem else None,
        auto_id="new-comment-%s",
        problem=new_problem,
        allow_official=rules.may_answer_officially(participant),
    )
    return {
        "request": discussion.request,
        "csrf_token": context.get("csrf_token"),
        "user": context.get("user"),
        "page": page,
        "subject_ref": subjects.reference(page),
        "participant": participant,
        "refusal": discussion.refusal,
        "pre_moderated": rules.pre_moderated(page),
        "anonymous_allowed": rules.anonymous_allowed(page),
        "new_form": new_form,
        "new_problem": new_problem,
        "stray_problem": stray_problem,
        "position": discussion.position,
        "notice": notice,
        "listing": mark_safe(listing),  # noqa: S308 - rendered by our own template just above
        "comment_count": comment_count,
        "own_pending": own_pending,
        "active": active,
        "links": links,
        "thread_view": bool(_int(discussion.position.get("thread"))) and not notice,
        "overview_url": links.overview(),
    }
