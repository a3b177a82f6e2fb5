"""The discussion's form endpoints: POST, then back to the page.

On success they redirect to the comment on its page (POST-redirect-GET)
with a message; on failure they re-render the page with the message next
to the field, the visitor's text kept and an honest status code. The rules
live in the services; nothing is checked here.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comments import services, threads
from comments.edge import writing_participant
from comments.models import CommentState
from comments.subjects import host_from_post
from participation.refusals import Refusal
from web.html import refused_page
from web.participants import participant_from_request

POSITION_FIELDS = ("sort", "after", "thread")


def position_from(request) -> dict:
    """Where in the thread the form was (kept so that a failure shows the same place)."""
    return {
        name: request.POST.get(f"comments_{name}", "")
        for name in POSITION_FIELDS
        if request.POST.get(f"comments_{name}")
    }


def failure(request, host, problem, *, mode, target=None, data=None):
    response = host.render(
        request,
        200,
        comments={
            "mode": mode,
            "target": target,
            "data": data or {},
            "problem": problem,
            "position": position_from(request),
        },
    )
    return refused_page(response, problem)


def redirect_to(request, host, fragment, **params):
    """The host's page with query parameters for the discussion (e.g. the thread view)."""
    response = host.redirect(request, fragment)
    if params:
        url, _sep, anchor = response["Location"].partition("#")
        response["Location"] = f"{url}?{urlencode(params)}" + (f"#{anchor}" if anchor else "")
    return response


def back_to_position(request, host, comment):
    """Back to the place in the thread the form was sent from, at the comment."""
    params = {f"comments_{name}": value for name, value in position_from(request).items()}
    return redirect_to(request, host, f"comment-{comment.pk}", **params)


def to_new_reply(request, host, comment):
    """A new reply is shown in its thread's view (its page of the thread if it is long)."""
    root = services.get_comment(comment.root_id)
    params = {"comments_thread": root.pk}
    if root.reply_count > settings.COMMENTS_THREAD_PAGE_SIZE:
        params["comments_after"] = threads.cursor_at(root, comment.parent)
    return redirect_to(request, host, f"comment-{comment.pk}", **params)


def posted_message(comment) -> str:
    if comment.state == CommentState.PENDING:
        return _("Thank you! Your comment will be published once the moderation has checked it.")
    if comment.is_top_level:
        return _("Your comment has been published.")
    return _("Your reply has been published.")


def form_data(request, *names) -> dict:
    return {name: request.POST.get(name, "") for name in names}


@require_POST
def post_comment(request):
    host = host_from_post(request)
    page = host.target
    data = form_data(request, "body", "official")
    try:
        comment = services.post_comment(
            page,
            writing_participant(request, page),
            body=data["body"],
            official=bool(data["official"]),
        )
    except Refusal as problem:
        return failure(request, host, problem, mode="new", data=data)
    messages.success(request, posted_message(comment))
    if comment.state == CommentState.PENDING:
        return host.redirect(request, "comments")
    return host.redirect(request, f"comment-{comment.pk}")


@require_POST
def reply(request, comment_id):
    host = host_from_post(request)
    page = host.target
    data = form_data(request, "body", "official")
    try:
        comment = services.reply(
            comment_id,
            writing_participant(request, page),
            page=page,
            body=data["body"],
            official=bool(data["official"]),
        )
    except Refusal as problem:
        return failure(request, host, problem, mode="reply", target=comment_id, data=data)
    messages.success(request, posted_message(comment))
    if comment.state == CommentState.PENDING:
        return host.redirect(request, "comments")
    return to_new_reply(request, host, comment)


@require_POST
def edit(request, comment_id):
    host = host_from_post(request)
    page = host.target
    data = form_data(request, "body")
    try:
        comment = services.edit_comment(
            comment_id, participant_from_request(request), page=page, body=data["body"]
        )
    except Refusal as problem:
        return failure(request, host, problem, mode="edit", target=comment_id, data=data)
    messages.success(request, _("Your changes have been saved."))
    if comment.state == CommentState.PENDING:
        return host.redirect(request, "comments")
    return back_to_position(request, host, comment)


@require_POST
def delete(request, comment_id):
    host = host_from_post(request)
    page = host.target
    try:
        comment = services.delete_own_comment(
            comment_id, participant_from_request(request), page=page
        )
    except Refusal as problem:
        return failure(request, host, problem, mode="delete", target=comment_id)
    messages.success(request, _("Your comment has been deleted."))
    if comment is None:
        return host.redirect(request, "comments")
    return back_to_position(request, host, comment)


@require_POST
def support(request, comment_id):
    host = host_from_post(request)
    page = host.target
    withdraw = request.POST.get("action") == "unsupport"
    try:
        if withdraw:
            services.unsupport(comment_id, participant_from_request(request), page=page)
        else:
            services.support(comment_id, participant_from_request(request), page=page)
    except Refusal as problem:
        return failure(request, host, problem, mode="support", target=comment_id)
    if withdraw:
        messages.success(request, _("You no longer support this comment."))
    else:
        messages.success(request, _("You support this comment."))
    return back_to_position(request, host, services.get_comment(comment_id))


@require_POST
def report(request, comment_id):
    host = host_from_post(request)
    page = host.target
    data = form_data(request, "reason", "details")
    try:
        services.report(
            comment_id,
            participant_from_request(request),
            page=page,
            reason=data["reason"],
            details=data["details"],
        )
    except Refusal as problem:
        return failure(request, host, problem, mode="report", target=comment_id, data=data)
    messages.success(
        request, _("Thank you for your report. The moderation will look at the comment.")
    )
    return back_to_position(request, host, services.get_comment(comment_id))
