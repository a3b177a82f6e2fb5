"""The proposals' part of "Meine Daten" (accounts.data_export finds this module).

One's own proposals (with their state and whether they were withdrawn) and
the proposals one supports. When an account is deleted its proposals stay
without an author, and its supports stay without an account: a support
once given keeps counting, as a signature on a list would, and names no one.
"""

from django.utils.translation import gettext_lazy as _

from proposals.models import Proposal, Support


def personal_data(user):
    proposals = (
        Proposal.objects.filter(author=user)
        .select_related("collection", "category", "district")
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
