"""The yearly participation report (Beteiligungsbericht), a public page."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from figures.blocks import ReportStreamBlock


class ReportPage(Page):
    """Text by the editors and "Kennzahlen" blocks with the year's live figures."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The figures in the report's key figure blocks are those of this year."),
    )
    intro = models.TextField(
        _("introduction"), max_length=500, validators=[MaxLengthValidator(500)], blank=True
    )
    body = StreamField(ReportStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    template = "figures/report_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("year"), APIField("intro")]

    class Meta:
        verbose_name = _("participation report")
        verbose_name_plural = _("participation reports")
