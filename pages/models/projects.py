"""Participation projects: a ProjectPage with dated phases and a derived status."""

from datetime import date
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from comments.mixins import DiscussionMixin
from pages import api_fields as api
from pages.admin_forms import ProjectPageForm
from pages.api_fields import comment_count
from pages.blocks import EditorialStreamBlock, ResultsStreamBlock
from pages.images import prefetch_renditions, stream_images
from pages.models.news import ProjectNews, due_news
from pages.models.snippets import Topic
from pages.permissions import DepartmentPagePermissionTester
from pages.prefetch import attach, instances
from pages.preview import PortalHeadlessPreviewMixin
from pages.status import ProjectStatus, current_phase, derive_status

from .project_phases import ProjectPageManager, ProjectPhase
from .routing import ServedPageMixin


class ProjectPage(ServedPageMixin, DiscussionMixin, PortalHeadlessPreviewMixin, Page):
    """A participation project (Beteiligungsprojekt), with a discussion (comments.mixins)."""

    teaser = models.TextField(
        _("teaser"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_(
            "Two or three sentences: what is this about and how can citizens take part? "
            "Shown in project lists and search results."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alt text of the hero image"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe what the image shows. Required unless the image has a description "
            "in the image library."
        ),
    )
    body = StreamField(EditorialStreamBlock(), verbose_name=_("body"), blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    topics = ParentalManyToManyField("pages.Topic", verbose_name=_("topics"), blank=True)
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("Leave empty for projects that concern the whole city."),
    )
    contact = models.ForeignKey(
        "pages.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    results_intro = models.TextField(
        _("results summary"),
        max_length=800,
        validators=[MaxLengthValidator(800)],
        blank=True,
        help_text=_("What happened with the contributions, in a few sentences."),
    )
    results = StreamField(ResultsStreamBlock(), verbose_name=_("results"), blank=True)

    # The phases open and close the discussion (participation_periods).
    discussion_related_models = ("pages.ProjectPhase",)

    objects = ProjectPageManager()

    base_form_class = ProjectPageForm
    discussion_owner_field = "department"

    def permissions_for_user(self, user):
        return DepartmentPagePermissionTester(user, self)

    parent_page_types = ["pages.ProjectIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
    ]
    participation_panels = [
        InlinePanel(
            "phases",
            heading=_("Participation phases"),
            label=_("Phase"),
            help_text=_(
                "The project's status (upcoming, open, in evaluation, finished) follows "
                "from these dates."
            ),
        ),
        # A select, not the snippet chooser: it offers only the editor's own
        # units (pages.admin_forms), the chooser would list every unit.
        FieldPanel("department", widget=forms.Select),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("district"),
        FieldPanel("contact"),
        MultiFieldPanel(DiscussionMixin.discussion_panels, heading=_("Discussion")),
    ]
    results_panels = [FieldPanel("results_intro"), FieldPanel("results")]
    news_panels = [
        InlinePanel(
            "news",
            heading=_("News"),
            label=_("News post"),
            help_text=_(
                "Short updates on the project, newest first on the page. Followers are told "
                "once, when a post is published and its date has come."
            ),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(participation_panels, heading=_("Participation")),
            ObjectList(results_panels, heading=_("Results")),
            ObjectList(news_panels, heading=_("News")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.SearchField("results_intro"),
        index.SearchField("results"),
        index.RelatedFields("department", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("district", [index.SearchField("name")]),
        index.FilterField("department"),
        index.FilterField("district"),
    ]

    # The headless API (/api/v2/pages/): editorial fields and what the
    # project page shows around them. E-mail addresses are never exposed.
    api_fields = [
        APIField("teaser"),
        APIField("hero_image", serializer=api.HeroImageField()),
        APIField("body"),
        APIField("status", serializer=api.StatusField()),
        APIField("phases", serializer=api.PhasesField()),
        APIField("current_phase", serializer=api.CurrentPhaseField()),
        APIField("department", serializer=api.ReferenceField()),
        APIField("topics", serializer=api.ReferenceListField()),
        APIField("district", serializer=api.ReferenceField()),
        APIField("contact", serializer=api.ContactField()),
        APIField("comment_count", serializer=api.CommentCountField()),
        APIField("polls", serializer=api.PollSummariesField()),
        APIField("comments_enabled"),
        APIField("results_intro"),
        APIField("results"),
        APIField("news", serializer=api.NewsField()),
    ]

    class Meta:
        verbose_name = _("participation project")
        verbose_name_plural = _("participation projects")

    def clean(self):
        super().clean()
        if (
            self.hero_image
            and not self.hero_image_alt.strip()
            and not (self.hero_image.description or "").strip()
        ):
            raise ValidationError(
                {"hero_image_alt": _("Please describe the image for people who cannot see it.")}
            )

    @classmethod
    def routed_queryset(cls, api: bool = False):
        """What the project page shows around its body, loaded with it (pages.models.routing).

        ``api``: with the comment count the v2 detail shows (the HTML thread counts its own).
        """
        queryset = (
            cls.objects.select_related("department", "district", "contact", "hero_image")
            .annotate(has_news=Exists(ProjectNews.objects.filter(page=OuterRef("pk"))))
            .with_phases_and_topics()
        )
        return queryset.annotate(api_comment_count=comment_count()) if api else queryset

    def prepare_served(self) -> None:
        """Hands the phases and topics read with the page to ``phases`` and ``topics``.

        Querysets that lose the annotations on the way (a search backend's
        results) leave the relations to load as usual.
        """
        if hasattr(self, "phase_rows"):
            attach(self, "phases", instances(ProjectPhase, self.phase_rows))
        if hasattr(self, "topic_rows"):
            attach(self, "topics", instances(Topic, self.topic_rows))

    def prefetch_images(self) -> None:
        """The renditions of the hero image and the streams' images, in one query."""
        prefetch_renditions(
            [self.hero_image, *stream_images(self.body), *stream_images(self.results)]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_images()
        return context

    def prepare_for_api(self) -> None:
        """Called by the v2 detail view (portal.api.v2.views) before serialising the page."""
        self.prefetch_images()

    @cached_property
    def ordered_phases(self) -> list[ProjectPhase]:
        return sorted(self.phases.all(), key=lambda phase: (phase.start_date, phase.end_date))

    def participation_periods(self) -> list[tuple[date, date]]:
        """The discussion follows the phases that allow participation."""
        return [
            (phase.start_date, phase.end_date)
            for phase in self.ordered_phases
            if phase.allows_participation
        ]

    @cached_property
    def public_news(self) -> list:
        """The news posts whose date has come, newest first (future ones stay hidden)."""
        if getattr(self, "has_news", True) is False:
            return []
        return due_news(self.news.all())

    @property
    def status(self) -> ProjectStatus:
        return derive_status(self.ordered_phases, timezone.localdate())

    @property
    def current_phase(self) -> ProjectPhase | None:
        return current_phase(self.ordered_phases, timezone.localdate())

    @property
    def hero_alt_text(self) -> str:
        if not self.hero_image:
            return ""
        return self.hero_image_alt or self.hero_image.description or ""
