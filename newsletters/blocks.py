"""The blocks of a newsletter: text with headings, project teasers, upcoming dates.

Each block knows how it reads in the mail (HTML with inline styles, plain
text) and on the archive page through the templates in
``templates/newsletters/blocks/``; ``newsletters.content`` prepares what
they show (only public projects, the dates as of the day of sending).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ProjectTeaserBlock(blocks.StructBlock):
    project = blocks.PageChooserBlock(page_type="pages.ProjectPage", label=_("project"))

    class Meta:
        icon = "doc-full"
        label = _("Project teaser")
        help_text = _(
            "Shows the project's title, teaser and a link, as long as the project is public."
        )


class DateEntryBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    title = blocks.CharBlock(label=_("what"), max_length=200)
    link = blocks.URLBlock(label=_("link"), required=False)

    class Meta:
        icon = "date"


class UpcomingDatesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"), max_length=120, default=_("Upcoming dates"), required=True
    )
    weeks = blocks.IntegerBlock(
        label=_("weeks ahead"),
        min_value=0,
        max_value=26,
        default=4,
        help_text=_(
            "Lists the phases of public projects that start within this many weeks "
            "of the day of sending (0: none)."
        ),
    )
    entries = blocks.ListBlock(DateEntryBlock(), label=_("further dates"), default=[])

    class Meta:
        icon = "date"
        label = _("Upcoming dates")


class NewsletterStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    project = ProjectTeaserBlock()
    dates = UpcomingDatesBlock()
