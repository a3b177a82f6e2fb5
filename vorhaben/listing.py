"""The public Vorhabenliste: planned participation before any project exists.

One page (``VorhabenIndexPage``) with a sub-page per Vorhaben, each with
the Anregung form, which posts to ``vorhaben.views``; what it shows is
``Vorhaben.objects.publicly_listed()``, as do the API (``vorhaben.api``)
and the sitemap.
"""

from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from vorhaben.forms import AnregungForm, VorhabenFilterForm
from vorhaben.models import Vorhaben

PER_PAGE = 20


class VorhabenIndexPage(RoutablePageMixin, Page):
    intro = models.TextField(
        gettext_lazy("introduction"),
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        blank=True,
    )

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = gettext_lazy("list of planned participation (Vorhabenliste)")
        verbose_name_plural = gettext_lazy("lists of planned participation")

    def listed(self):
        return Vorhaben.objects.publicly_listed().for_listing().order_by("planned_start", "title")

    def render_list(self, request, anregung_form=None, status=200):
        filter_form = VorhabenFilterForm(request.GET or None)
        paginator = Paginator(filter_form.filter(self.listed()), PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        for vorhaben in page_obj.object_list:
            vorhaben.public_url = self.detail_url(vorhaben)
        context = self.get_context(request)
        context.update(
            filter_form=filter_form,
            page_obj=page_obj,
            paginator=paginator,
            vorhaben_list=page_obj.object_list,
            anregung_form=anregung_form or AnregungForm(),
            anregung_url=reverse("vorhabenliste:anregung", args=(self.pk,)),
        )
        return TemplateResponse(
            request, "vorhaben/vorhaben_index_page.html", context, status=status
        )

    def detail_url(self, vorhaben) -> str:
        return self.url + self.reverse_subpage("detail_route", args=(vorhaben.pk,)).lstrip("/")

    @path("")
    def index_route(self, request):
        return self.render_list(request)

    def listed_vorhaben(self, pk) -> Vorhaben:
        try:
            return self.listed().get(pk=pk)
        except Vorhaben.DoesNotExist as missing:
            raise Http404 from missing

    def render_detail(self, request, vorhaben, anregung_form=None, status=200):
        context = self.get_context(request)
        context.update(
            vorhaben=vorhaben,
            list_url=self.url,
            detail_url=self.detail_url(vorhaben),
            anregung_form=anregung_form or AnregungForm(vorhaben=vorhaben),
            anregung_url=reverse("vorhabenliste:anregung_on", args=(self.pk, vorhaben.pk)),
        )
        return TemplateResponse(request, "vorhaben/vorhaben_detail.html", context, status=status)

    @path("<int:pk>/")
    def detail_route(self, request, pk):
        return self.render_detail(request, self.listed_vorhaben(pk))

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        for vorhaben in Vorhaben.objects.publicly_listed().only("pk", "updated_at"):
            urls.append(
                {
                    "location": base.rstrip("/")
                    + "/"
                    + self.reverse_subpage("detail_route", args=(vorhaben.pk,)).lstrip("/"),
                    "lastmod": vorhaben.updated_at,
                }
            )
        return urls
