"""A proposal's images and attachment, served only to those who may see the proposal.

The files live outside MEDIA_ROOT (``proposals.storage``) and have no public
address: each request passes the proposal's visibility rule
(``rules.view_refusal``), so the images of a pending proposal, or of one in
an unpublished or restricted project, answer 404 like the proposal's page.
Files of a proposal anyone may see are cached publicly for a while; the
others only privately in the visitor's browser. Images are shown inline,
the PDF is a download; nothing is sniffed or run (nosniff, a sandboxing CSP).
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from proposals import rules
from proposals.models import Proposal
from proposals.storage import proposal_storage
from web.participants import participant_from_request

PUBLIC_MAX_AGE = 3600
PRIVATE_MAX_AGE = 300


def _visible(request, proposal_id) -> Proposal:
    proposal = Proposal.objects.select_related("collection__page").filter(pk=proposal_id).first()
    if proposal is None or rules.view_refusal(participant_from_request(request), proposal):
        raise Http404("Unknown proposal")
    return proposal


def _file_response(proposal, name, content_type, *, download_name, as_attachment):
    try:
        handle = proposal_storage().open(name, "rb")
    except FileNotFoundError as missing:
        raise Http404("File missing") from missing
    response = FileResponse(
        handle, content_type=content_type, as_attachment=as_attachment, filename=download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if rules.is_public(proposal):
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=PRIVATE_MAX_AGE)
    return response


@require_safe
def image(request, proposal_id, image_id):
    proposal = _visible(request, proposal_id)
    found = proposal.images.filter(pk=image_id).first()
    if found is None:
        raise Http404("Unknown image")
    extension = found.file.name.rsplit(".", 1)[-1]
    return _file_response(
        proposal,
        found.file.name,
        found.content_type,
        download_name=f"vorschlag-{proposal.pk}-bild-{found.position}.{extension}",
        as_attachment=False,
    )


@require_safe
def attachment(request, proposal_id):
    proposal = _visible(request, proposal_id)
    if not proposal.attachment:
        raise Http404("No attachment")
    return _file_response(
        proposal,
        proposal.attachment.name,
        "application/pdf",
        download_name=f"vorschlag-{proposal.pk}-anhang.pdf",
        as_attachment=True,
    )
