"""The poll block: embeds a Poll snippet in any StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class PollBlock(blocks.StructBlock):
    poll = SnippetChooserBlock("polls.Poll", label=_("poll"))

    class Meta:
        icon = "tasks"
        label = _("Poll")
        template = "blocks/poll_block.html"

    def get_context(self, value, parent_context=None):
        from polls.presentation import poll_block_context

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        context.update(
            poll_block_context(
                parent_context.get("request"), value.get("poll"), parent_context.get("page")
            )
        )
        return context

    def get_searchable_content(self, value):
        """Public polls are found through their page; staff-only polls never are."""
        poll = value.get("poll")
        if poll is None or poll.audience == "staff":
            return []
        return [poll.title, poll.description]
