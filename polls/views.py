"""The poll form's endpoint: POST, then redirect back to the page (or re-render it with errors)."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.refusals import NotFound, Refusal
from polls import rules
from polls.forms import answers_from_post
from polls.presentation import dom_id, form_state_key
from polls.services import cast_ballot, change_ballot, get_poll, refuse
from web.host_pages import live_host_page, redirect_to_host, render_host_page
from web.html import refused_page
from web.participants import participant_from_request
from web.requests import content_length


@require_POST
def vote(request, poll_id):
    page = live_host_page(request, request.POST.get("page"))
    answers = answers_from_post(request.POST)
    changing = request.POST.get("change") == "1"
    submit = change_ballot if changing else cast_ballot
    try:
        poll = get_poll(poll_id)
    except NotFound as missing:
        raise Http404 from missing
    try:
        refuse(rules.ballot_size_refusal(content_length(request)))
        submit(poll, participant_from_request(request), answers, page=page)
    except Refusal as refusal:
        state = {"problem": refusal, "answers": {item.question: item for item in answers}}
        response = render_host_page(request, page, 200, **{form_state_key(poll): state})
        return refused_page(response, refusal)
    if changing:
        messages.success(request, _("Your ballot has been changed."))
    else:
        messages.success(request, _("Thank you for voting! Your ballot has been counted."))
    return redirect_to_host(request, page, dom_id(poll))
