"""The proposals' part of "Meine Daten" (accounts.data_export finds this module).

One's own proposals (with their state, whether they were withdrawn, their
images' descriptions and addresses and whether a PDF is attached) and the
proposals one supports. When an account is deleted its proposals stay
without an author, and its supports stay without an account: a support
once given keeps counting, as a signature on a list would, and names no one.
Images and attachment stay with their proposal like its text: re-encoded
without metadata and named at random, they carry nothing of the account;
the author removes them while editing is open, and deleting a proposal
deletes its files (``proposals.storage``).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal, Support


def _address(image) -> str:
    """The image's address on the portal (the file itself is served to its author there)."""
    return reverse("ideen:image", args=(image.proposal_id, image.pk))


def _attachment_address(proposal) -> str | None:
    return reverse("ideen:attachment", args=(proposal.pk,)) if proposal.attachment else None


def personal_data(user):
    proposals = (
        Proposal.objects.filter(author=user)
        .select_related("collection", "category", "district")
        .prefetch_related("images")
        .order_by("created_at", "id")
    )
    yield {
        "key": "proposals",
        "title": _("Proposals"),
        "description": _("The proposals you submitted to idea collections."),
        "fields": {
            "collection": _("idea collection"),
            "title": _("Title"),
            "description": _("Description"),
            "category": _("category"),
            "district": _("district"),
            "state": _("state"),
            "submitted_at": _("submitted at"),
            "withdrawn_at": _("withdrawn at"),
            "images": _("Images"),
            "attachment": _("Attachment (PDF)"),
        },
        "items": [
            {
                "collection": proposal.collection.title,
                "title": proposal.title,
                "description": proposal.description,
                "category": proposal.category.name if proposal.category else None,
                "district": proposal.district.name if proposal.district else None,
                "state": str(proposal.get_state_display()),
                "submitted_at": proposal.created_at,
                "withdrawn_at": proposal.withdrawn_at,
                "images": [
                    {"label": image.alt_text, "value": _address(image)}
                    for image in proposal.images.all()
                ],
                "attachment": _attachment_address(proposal),
            }
            for proposal in proposals
        ],
    }
    supports = (
        Support.objects.filter(user=user).select_related("proposal").order_by("created_at", "id")
    )
    yield {
        "key": "proposal_supports",
        "title": _("Supported proposals"),
        "description": _("The proposals you support."),
        "fields": {"proposal": _("proposal"), "supported_at": _("supported at")},
        "items": [
            {"proposal": support.proposal.title, "supported_at": support.created_at}
            for support in supports
        ],
    }
