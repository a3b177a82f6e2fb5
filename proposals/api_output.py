"""What the proposals API answers: collections and proposals as plain dicts (``proposals.schemas``).

The same facts and the same rules as the HTML pages (``proposals.views``):
what the visitor may do comes from ``proposals.rules``, never decided here.
"""

from __future__ import annotations

from django.urls import reverse

from proposals import rules
from proposals.models import IdeaCollection, Proposal, Support
from proposals.rendering import render_description


def reference_out(item) -> dict | None:
    if item is None:
        return None
    return {"id": item.pk, "slug": item.slug, "name": item.name}


def collection_out(request, participant, collection: IdeaCollection, districts) -> dict:
    page = collection.page
    refusal = rules.submit_refusal(participant, collection)
    return {
        "id": collection.pk,
        "title": collection.title,
        "intro": collection.intro,
        "project": {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(request) or "",
        },
        "submissions_start": collection.submissions_start,
        "submissions_end": collection.submissions_end,
        "supports_until": collection.supports_until,
        "open_for_proposals": collection.open_for_proposals(),
        "open_for_supports": collection.open_for_supports(),
        "support_threshold": collection.support_threshold,
        "moderation": collection.moderation,
        "location_mode": collection.location_mode,
        "images_allowed": collection.images_allowed,
        "comments_enabled": collection.comments_enabled,
        "geojson_url": request.build_absolute_uri(reverse("ideen:geojson", args=(collection.pk,))),
        "categories": [reference_out(topic) for topic in collection.topics.all()],
        "districts": [reference_out(district) for district in districts],
        "can_submit": refusal is None,
        "submit_refusal": refusal.detail if refusal else None,
        "submit_refusal_code": refusal.code if refusal else None,
    }


def summary_out(request, proposal: Proposal, collection: IdeaCollection) -> dict:
    return {
        "id": proposal.pk,
        "collection_id": collection.pk,
        "title": proposal.title,
        "description": proposal.description,
        "category": reference_out(proposal.category),
        "district": reference_out(proposal.district),
        "state": proposal.state,
        "state_label": str(proposal.get_state_display()),
        "moderation": proposal.moderation,
        "withdrawn": proposal.withdrawn,
        "withdrawn_at": proposal.withdrawn_at,
        "support_count": proposal.support_count,
        "reached": proposal.support_count >= collection.support_threshold,
        "comment_count": proposal.comment_count,
        "location": proposal.location or None,
        "address": proposal.address,
        "created_at": proposal.created_at,
        "url": request.build_absolute_uri(reverse("ideen:proposal", args=(proposal.pk,))),
    }


def answer_out(answer) -> dict:
    return {
        "state": answer.state,
        "state_label": str(answer.get_state_display()),
        "text": answer.text,
        "office": answer.office,
        "created_at": answer.created_at,
    }


def proposal_out(request, participant, proposal: Proposal) -> dict:
    """The proposal, its answers (the latest first) and what the visitor may do with it."""
    answers = [answer_out(answer) for answer in proposal.answers.all()]
    absolute = request.build_absolute_uri
    supported = (
        participant.is_authenticated
        and Support.objects.filter(proposal=proposal, user=participant.user).exists()
    )
    support_refusal = None if supported else rules.support_refusal(participant, proposal)
    return {
        **summary_out(request, proposal, proposal.collection),
        "description_html": str(render_description(proposal.description)),
        "updated_at": proposal.updated_at,
        "answer": answers[0] if answers else None,
        "answers": answers,
        "images": [
            {
                "url": absolute(reverse("ideen:image", args=(proposal.pk, image.pk))),
                "alt_text": image.alt_text,
                "width": image.width,
                "height": image.height,
            }
            for image in proposal.images.all()
        ],
        "attachment_url": (
            absolute(reverse("ideen:attachment", args=(proposal.pk,)))
            if proposal.attachment
            else None
        ),
        "discussion_url": absolute(
            reverse(
                "api-v1:read_subject_thread", kwargs={"kind": "proposal", "subject_id": proposal.pk}
            )
        ),
        "is_mine": rules.is_author(participant, proposal),
        "supported_by_me": supported,
        "can_edit": rules.edit_refusal(participant, proposal) is None,
        "can_withdraw": rules.withdraw_refusal(participant, proposal) is None,
        "can_support": support_refusal is None and not supported,
        "can_unsupport": supported and rules.unsupport_refusal(participant, proposal) is None,
        "support_refusal": support_refusal.detail if support_refusal else None,
        "support_refusal_code": support_refusal.code if support_refusal else None,
    }
