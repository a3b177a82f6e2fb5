"""Each proposal's discussion: the comments app, with the proposal as its subject.

Comments knows proposals only as ``DiscussionTarget`` objects; this module
tells it the rest. ``connect()`` (from ``ready()``) registers the kind
"proposal" with the discussion's forms and API (``comments.subjects``: how
to load a visible proposal and render its page) and keeps
``Proposal.comment_count`` exact: comments sends
``published_count_changed`` inside the transaction that publishes or
unpublishes a comment, and the counter moves with an F() update in that
same transaction (the "most discussed" order reads it).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext as _

from comments.events import published_count_changed
from comments.subjects import register_subject
from participation.refusals import NotFound
from proposals import rules
from proposals.models import Proposal
from proposals.views import proposal_page
from web.participants import participant_from_request

SUBJECT_KIND = "proposal"


def visible_proposal(request, pk: int) -> Proposal:
    """The proposal if the visitor may see it (its project page's rules and its own)."""
    participant = participant_from_request(request)
    proposal = Proposal.objects.select_related("collection__page").filter(pk=pk).first()
    if proposal is None or rules.view_refusal(participant, proposal):
        raise NotFound(_("There is no such proposal."), code="proposal_not_found")
    return proposal


def render_proposal(request, proposal: Proposal):
    return proposal_page(request, proposal.pk)


def count_changed(sender, comment, delta, **kwargs) -> None:
    if comment.subject_type_id != ContentType.objects.get_for_model(Proposal).pk:
        return
    Proposal.objects.filter(pk=comment.subject_id).update(comment_count=F("comment_count") + delta)


def connect() -> None:
    register_subject(SUBJECT_KIND, Proposal, load=visible_proposal, render=render_proposal)
    published_count_changed.connect(count_changed, dispatch_uid="proposals_comment_count")
