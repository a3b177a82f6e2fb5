"""The Anregung form's endpoint: POST, then back to the Vorhabenliste (or the Vorhaben).

On failure the page is rendered again with the errors next to the fields,
the citizen's text kept and an honest status (400, or 429 with
Retry-After); the rules and the limit live in ``vorhaben.anregungen``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.refusals import RateLimited
from vorhaben.anregungen import submit_anregung
from vorhaben.forms import AnregungForm
from vorhaben.listing import VorhabenIndexPage
from web.host_pages import live_host_page
from web.html import refused_page
from web.participants import participant_from_request


@require_POST
def anregung(request, page_id, vorhaben_id=None):
    page = live_host_page(request, page_id)
    if not isinstance(page, VorhabenIndexPage):
        raise Http404("Unknown page")
    vorhaben = page.listed_vorhaben(vorhaben_id) if vorhaben_id is not None else None
    form = AnregungForm(request.POST, vorhaben=vorhaben)

    def again(status, refusal=None):
        if vorhaben is None:
            response = page.render_list(request, anregung_form=form, status=status)
        else:
            response = page.render_detail(request, vorhaben, anregung_form=form, status=status)
        return refused_page(response, refusal) if refusal else response

    if not form.is_valid():
        return again(400)
    if not form.is_spam():
        try:
            submit_anregung(
                participant_from_request(request),
                subject=form.cleaned_data["subject"],
                reason=form.cleaned_data["reason"],
                department=form.cleaned_data.get("department"),
                vorhaben=vorhaben,
                email=form.cleaned_data["email"],
            )
        except RateLimited as refusal:
            form.add_error(None, refusal.detail)
            return again(429, refusal)
    # A bot that filled the honeypot gets the same answer: nothing to learn from it.
    messages.success(request, _("Thank you! Your suggestion has been passed on."))
    back = page.detail_url(vorhaben) if vorhaben else page.url
    return redirect(back + "#anregung")
