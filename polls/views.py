"""The poll form's endpoint: POST, then redirect back to the page (or re-render it with errors)."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from polls.forms import answers_from_post
from polls.presentation import dom_id, form_state_key
from polls.services import cast_ballot, change_ballot, get_poll
from portal.api.problems import Problem
from portal.host_pages import live_host_page, redirect_to_host, render_host_page
from portal.participants import participant_from_request


@require_POST
def vote(request, poll_id):
    page = live_host_page(request, request.POST.get("page"))
    answers = answers_from_post(request.POST)
    changing = request.POST.get("change") == "1"
    submit = change_ballot if changing else cast_ballot
    try:
        poll = get_poll(poll_id)
        submit(poll, participant_from_request(request), answers, request=request, page=page)
    except Problem as problem:
        if problem.status == 404 and problem.code == "poll_not_found":
            raise Http404 from problem
        # A page is no place for 401 (it asks for HTTP authentication).
        status = 403 if problem.status == 401 else problem.status
        response = render_host_page(
            request,
            page,
            status,
            **{
                form_state_key(poll): {
                    "problem": problem,
                    "answers": {item.question: item for item in answers},
                }
            },
        )
        for name, value in problem.headers.items():
            response[name] = value
        return response
    if changing:
        messages.success(request, _("Your ballot has been changed."))
    else:
        messages.success(request, _("Thank you for voting! Your ballot has been counted."))
    return redirect_to_host(request, page, dom_id(poll))
