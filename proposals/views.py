"""The HTML of an idea collection: its listing, a proposal's page, the forms and buttons.

Everything works without JavaScript (forms post, then redirect). A refused
action shows the page again with the German message next to the form and
the refusal's status (``web.html.refused_page``). Visibility is the
project page's (``proposals.rules``): a collection or proposal of a page
the visitor may not see answers 404, as if it did not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.refusals import InvalidInput, NotFound, Refusal
from proposals import moderation, rules, services
from proposals.forms import ProposalFilterForm, ProposalForm, ProposalReportForm
from proposals.listing import SEED_SESSION_KEY, listing_page, new_seed
from proposals.models import IdeaCollection, Moderation, Proposal, Support
from web.html import refused_page
from web.participants import participant_from_request


def _collection(request, collection_id, participant) -> IdeaCollection:
    collection = IdeaCollection.objects.select_related("page").filter(pk=collection_id).first()
    if collection is None or rules.collection_refusal(participant, collection):
        raise Http404("Unknown idea collection")
    return collection


def _proposal(request, proposal_id, participant) -> Proposal:
    proposal = (
        Proposal.objects.select_related("collection__page", "category", "district")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or rules.view_refusal(participant, proposal):
        raise Http404("Unknown proposal")
    return proposal


def _seed(request) -> str:
    """The visitor's random order: kept in the session so that it stays while they page."""
    seed = request.session.get(SEED_SESSION_KEY)
    if not isinstance(seed, str) or len(seed) != 16:
        seed = new_seed()
        request.session[SEED_SESSION_KEY] = seed
    return seed


def _without_cursor(request) -> str:
    query = request.GET.copy()
    query.pop("nach", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def collection_list(request, collection_id):
    participant = participant_from_request(request)
    collection = _collection(request, collection_id, participant)
    filter_form = ProposalFilterForm(request.GET or None, collection=collection)
    proposals = filter_form.filter(
        Proposal.objects.filter(collection=collection)
        .visible_to(participant.user)
        .select_related("category", "district")
    )
    listing = listing_page(
        proposals, sort=filter_form.sort(), seed=_seed(request), cursor=request.GET.get("nach", "")
    )
    # One query for the cards' images, however long the page.
    prefetch_related_objects(listing.proposals, "images")
    submit_refusal = rules.submit_refusal(participant, collection)
    next_url = None
    if listing.next_cursor:
        query = request.GET.copy()
        query["nach"] = listing.next_cursor
        next_url = f"?{query.urlencode()}"
    context = {
        "page": collection.page,
        "collection": collection,
        "filter_form": filter_form,
        "proposals": listing.proposals,
        "next_url": next_url,
        "first_url": _without_cursor(request) if request.GET.get("nach") else None,
        "submit_refusal": submit_refusal,
    }
    return TemplateResponse(request, "proposals/collection.html", context)


def _form_page(request, collection, form, *, proposal=None, refusal=None, notice=None, status=200):
    """``notice``: why the form is not offered (a GET); ``refusal``: why a POST failed."""
    context = {
        "page": collection.page,
        "collection": collection,
        "form": form,
        "proposal": proposal,
        "notice": notice,
    }
    response = TemplateResponse(request, "proposals/proposal_form.html", context, status=status)
    return refused_page(response, refusal) if refusal else response


def _values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "category": data.get("category"),
        "district": data.get("district"),
        **form.place_values(),
    }


def submit(request, collection_id):
    participant = participant_from_request(request)
    collection = _collection(request, collection_id, participant)
    if request.method != "POST":
        refusal = rules.submit_refusal(participant, collection)
        form = ProposalForm(collection=collection)
        return _form_page(request, collection, form, notice=refusal)
    form = ProposalForm(request.POST, request.FILES, collection=collection)
    if not form.is_valid():
        return _form_page(request, collection, form, status=400)
    try:
        proposal = services.submit_proposal(
            participant, collection, **_values(form), **form.media_values(editing=False)
        )
    except InvalidInput as refusal:
        form.add_refusal(refusal)
        return _form_page(request, collection, form, status=400)
    except Refusal as refusal:
        form.add_error(None, refusal.detail)
        return _form_page(request, collection, form, refusal=refusal)
    if proposal.moderation == Moderation.PUBLISHED:
        messages.success(request, _("Thank you! Your proposal has been published."))
    else:
        messages.success(
            request, _("Thank you! Your proposal will be published once it has been checked.")
        )
    return redirect(proposal_url(proposal))


def edit(request, proposal_id):
    participant = participant_from_request(request)
    proposal = _proposal(request, proposal_id, participant)
    collection = proposal.collection
    if request.method != "POST":
        refusal = rules.edit_refusal(participant, proposal)
        if isinstance(refusal, NotFound):
            raise Http404("Unknown proposal")
        initial = {
            "title": proposal.title,
            "description": proposal.description,
            "category": proposal.category,
            "district": proposal.district,
            "address": proposal.address,
            "latitude": proposal.latitude,
            "longitude": proposal.longitude,
        }
        form = ProposalForm(initial=initial, collection=collection, proposal=proposal)
        return _form_page(request, collection, form, proposal=proposal, notice=refusal)
    form = ProposalForm(request.POST, request.FILES, collection=collection, proposal=proposal)
    if not form.is_valid():
        return _form_page(request, collection, form, proposal=proposal, status=400)
    try:
        services.edit_proposal(
            participant, proposal.pk, **_values(form), **form.media_values(editing=True)
        )
    except InvalidInput as refusal:
        form.add_refusal(refusal)
        return _form_page(request, collection, form, proposal=proposal, status=400)
    except Refusal as refusal:
        form.add_error(None, refusal.detail)
        return _form_page(request, collection, form, proposal=proposal, refusal=refusal)
    messages.success(request, _("Your changes have been saved."))
    return redirect(proposal_url(proposal))


def proposal_url(proposal: Proposal) -> str:
    return reverse("ideen:proposal", args=(proposal.pk,))


def proposal_page(request, proposal_id, *, refusal=None, report_form=None, status=None):
    participant = participant_from_request(request)
    proposal = _proposal(request, proposal_id, participant)
    report_refusal = rules.report_refusal(participant, proposal)
    supported = (
        participant.is_authenticated
        and Support.objects.filter(proposal=proposal, user=participant.user).exists()
    )
    context = {
        "page": proposal.collection.page,
        "collection": proposal.collection,
        "proposal": proposal,
        "supported": supported,
        "is_author": rules.is_author(participant, proposal),
        "may_edit": rules.edit_refusal(participant, proposal) is None,
        "may_withdraw": rules.withdraw_refusal(participant, proposal) is None,
        "may_support": rules.support_refusal(participant, proposal) is None,
        "may_unsupport": supported and rules.unsupport_refusal(participant, proposal) is None,
        "support_refusal": None if supported else rules.support_refusal(participant, proposal),
        "refusal": refusal,
        # The latest first; the page shows it as "the answer" and all as the history.
        "answers": list(proposal.answers.all()),
        "may_report": report_refusal is None,
        "report_sign_in": getattr(report_refusal, "code", "") == "not_authenticated",
        "report_form": report_form or ProposalReportForm(),
        "images": list(proposal.images.all()),
    }
    response = TemplateResponse(request, "proposals/proposal.html", context)
    if refusal:
        return refused_page(response, refusal)
    if status:
        response.status_code = status
    return response


def _act(request, proposal_id, action, success_message):
    participant = participant_from_request(request)
    proposal = _proposal(request, proposal_id, participant)
    try:
        action(participant, proposal.pk)
    except NotFound as missing:
        raise Http404("Unknown proposal") from missing
    except Refusal as refusal:
        return proposal_page(request, proposal_id, refusal=refusal)
    messages.success(request, success_message)
    return redirect(proposal_url(proposal) + "#unterstuetzen")


@require_POST
def support(request, proposal_id):
    return _act(request, proposal_id, services.support, _("Thank you for your support."))


@require_POST
def unsupport(request, proposal_id):
    return _act(request, proposal_id, services.unsupport, _("Your support has been taken back."))


@require_POST
def withdraw(request, proposal_id):
    return _act(
        request, proposal_id, services.withdraw_proposal, _("Your proposal has been withdrawn.")
    )


@require_POST
def report(request, proposal_id):
    """A report to the moderation; a refused or faulty one shows the form again with why."""
    participant = participant_from_request(request)
    proposal = _proposal(request, proposal_id, participant)
    form = ProposalReportForm(request.POST)
    if not form.is_valid():
        return proposal_page(request, proposal_id, report_form=form, status=400)
    try:
        moderation.report_proposal(participant, proposal.pk, **form.cleaned_data)
    except NotFound as missing:
        raise Http404("Unknown proposal") from missing
    except InvalidInput as refusal:
        form.add_refusal(refusal)
        return proposal_page(request, proposal_id, report_form=form, status=400)
    except Refusal as refusal:
        form.add_error(None, refusal.detail)
        return refused_page(proposal_page(request, proposal_id, report_form=form), refusal)
    messages.success(request, _("Thank you. The moderation will look at this proposal."))
    return redirect(proposal_url(proposal))
