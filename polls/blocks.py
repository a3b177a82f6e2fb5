"""The poll block: embeds a Poll snippet in any StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from polls import page_polls
from polls.models import Audience
from polls.presentation import poll_block_context
from polls.schemas import poll_out
from polls.services import public_poll_view
from web.participants import participant_from_request


class PollBlock(blocks.StructBlock):
    poll = SnippetChooserBlock("polls.Poll", label=_("poll"))

    class Meta:
        icon = "tasks"
        label = _("Poll")
        template = "blocks/poll_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        context.update(
            poll_block_context(
                parent_context.get("request"), value.get("poll"), parent_context.get("page")
            )
        )
        return context

    def get_api_representation(self, value, context=None):
        """The poll's id, state, questions and, when this visitor may see them, its results.

        None for a poll the visitor may not see (staff-only); the stream leaves
        such blocks out. Nothing personal: a client reads the visitor's own
        ballot from /api/v1/polls/<id>, which also hands out the voting cookie.
        """
        poll = value.get("poll")
        request = (context or {}).get("request")
        if poll is None or request is None:
            return None
        participant = participant_from_request(request)
        # The stream put the ids of all its polls in the context (pages.blocks): read them at once.
        poll_ids = (context or {}).get("stream_poll_ids") or [poll.pk]
        preloaded = page_polls.for_request(request, poll_ids, participant, with_ballots=False)
        view = public_poll_view(poll, participant, preloaded)
        if view is None:
            return None
        representation = poll_out(view)
        for personal in ("ballot", "can_vote", "can_change_ballot"):
            representation.pop(personal)
        representation["api_url"] = f"/api/v1/polls/{poll.pk}"
        return representation

    def get_searchable_content(self, value):
        """Public polls are found through their page; staff-only polls never are."""
        poll = value.get("poll")
        if poll is None or poll.audience == Audience.STAFF:
            return []
        return [poll.title, poll.description]
