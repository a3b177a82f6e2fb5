"""The report's blocks: the editorial ones of ``pages.blocks`` and "Kennzahlen" (live figures)."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from departments.models import Department
from figures import presentation
from figures.queries import FigureFilter, figures_for
from pages.blocks import (
    RICH_TEXT_FEATURES,
    CallToActionBlock,
    CaptionedImageBlock,
    DocumentBlock,
    FAQBlock,
    HeadingBlock,
    QuoteBlock,
)

SECTION_CHOICES = [
    ("statuses", _("Projects by status")),
    ("contributions", _("Contributions and supports")),
    ("participants", _("Participants")),
    ("answers", _("Official answers")),
    ("ballots", _("Ballots by kind of voter")),
    ("months", _("Contributions per month (charts)")),
]


class KeyFiguresBlock(blocks.StructBlock):
    """Live figures of the report's year, from publicly visible projects only."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    sections = blocks.MultipleChoiceBlock(
        label=_("figures"),
        choices=SECTION_CHOICES,
        default=["statuses", "contributions", "participants", "answers"],
    )
    department = SnippetChooserBlock(
        Department,
        label=_("administrative unit"),
        required=False,
        help_text=_("Leave empty for the whole city; a unit includes the units below it."),
    )

    class Meta:
        label = _("Key figures")
        icon = "table"
        template = "figures/blocks/key_figures.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        year = getattr(page, "year", None) or date.today().year
        department = value.get("department")
        figure_filter = FigureFilter(
            department_ids=(
                frozenset(Department.objects.family_ids(department)) if department else None
            ),
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            public_only=True,
        )
        figures = figures_for(figure_filter)
        sections = value.get("sections") or presentation.SECTIONS
        context.update(
            figures=figures,
            year=year,
            key_figures=presentation.key_figures(figures, sections),
            charts=presentation.charts(figures, sections),
            freshness=presentation.freshness_text(figures),
            block_id="kennzahlen-{}-{}-{}".format(
                year, getattr(department, "pk", "stadt"), "-".join(sections)
            ),
        )
        return context


class ReportStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    key_figures = KeyFiguresBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
