"""The pages around the projects: start page, project list, standard pages."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, EditorialStreamBlock
from pages.district_map import district_map
from pages.filters import ProjectFilterForm
from pages.images import prefetch_renditions
from pages.paginator import CountingPaginator
from pages.preview import PortalHeadlessPreviewMixin
from pages.status import ProjectStatus

from .projects import ProjectPage
from .routing import OneQueryRouteMixin, ServedPageMixin
from .snippets import District


class HomePage(OneQueryRouteMixin, Page):
    """The portal's start page: a welcome and the projects citizens can join now."""

    intro = models.TextField(
        _("introduction"),
        max_length=500,
        validators=[MaxLengthValidator(500)],
        help_text=_("Welcomes citizens and says what they can do on the portal."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown decoratively behind the welcome text."),
    )
    body = StreamField(EditorialStreamBlock(), verbose_name=_("body"), blank=True)
    featured_project_count = models.PositiveSmallIntegerField(
        _("number of current projects shown"), default=6
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ProjectIndexPage",
        "pages.StandardPage",
        "vorhaben.VorhabenIndexPage",
        "figures.ReportPage",
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("featured_project_count"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("start page")
        verbose_name_plural = _("start pages")

    def current_projects(self):
        """Open projects first, then upcoming ones; finished projects stay on the list page."""
        return (
            ProjectPage.objects.live()
            .public_given(self.all_view_restrictions())
            .descendant_of(self)
            .annotate_status()
            .filter(derived_status__in=[ProjectStatus.OPEN, ProjectStatus.UPCOMING])
            .for_listing()
            .order_by("status_rank", "phases_first_start", "title")[: self.featured_project_count]
        )

    def project_index(self):
        return ProjectIndexPage.objects.live().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_projects"] = list(self.current_projects())
        context["project_index"] = self.project_index()
        prefetch_renditions(
            [self.hero_image, *(project.hero_image for project in context["current_projects"])]
        )
        return context


class ProjectIndexPage(ServedPageMixin, Page):
    """All projects, filterable by status, department, topic and district."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    projects_per_page = models.PositiveSmallIntegerField(
        _("projects per page"), default=12, help_text=_("Between 1 and 100.")
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ProjectPage"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("projects_per_page")], heading=_("List")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("project list")
        verbose_name_plural = _("project lists")

    def clean(self):
        super().clean()
        if not 1 <= (self.projects_per_page or 0) <= 100:
            raise ValidationError({"projects_per_page": _("Choose a number between 1 and 100.")})

    def projects(self):
        return (
            ProjectPage.objects.live()
            .public_given(self.all_view_restrictions())
            .child_of(self)
            .annotate_status()
            .for_listing()
            .order_by("status_rank", "-phases_first_start", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        districts = list(District.objects.order_by("name"))
        filter_form = ProjectFilterForm(request.GET or None)
        filter_form.use_choices(districts)
        projects = filter_form.filter(self.projects())
        paginator = CountingPaginator(projects, self.projects_per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        prefetch_renditions([project.hero_image for project in page_obj.object_list])
        context.update(
            filter_form=filter_form,
            page_obj=page_obj,
            projects=page_obj.object_list,
            paginator=paginator,
            district_map=district_map(self, self.url, districts),
        )
        return context


class StandardPage(ServedPageMixin, PortalHeadlessPreviewMixin, Page):
    """Imprint, privacy policy, accessibility statement, 'about' pages."""

    intro = models.TextField(
        _("introduction"), max_length=500, validators=[MaxLengthValidator(500)], blank=True
    )
    body = StreamField(EditorialStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
