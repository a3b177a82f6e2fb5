"""The public Vorhabenliste: planned participation before any project exists.

One page (``VorhabenIndexPage``) with a sub-page per Vorhaben and the
Anregung form; what it shows is ``Vorhaben.objects.publicly_listed()``,
as do the API (``vorhaben.api``) and the sitemap.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from participation.refusals import RateLimited
from vorhaben.anregungen import submit_anregung
from vorhaben.forms import AnregungForm, VorhabenFilterForm
from vorhaben.models import Vorhaben
from web.html import refused_page
from web.participants import participant_from_request

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
        )
        return TemplateResponse(request, "vorhaben/vorhaben_detail.html", context, status=status)

    @path("<int:pk>/")
    def detail_route(self, request, pk):
        vorhaben = self.listed_vorhaben(pk)
        if request.method == "POST":
            return self.receive_anregung(request, vorhaben)
        return self.render_detail(request, vorhaben)

    @path("anregung/")
    def anregung_route(self, request):
        if request.method != "POST":
            return redirect(self.url + "#anregung")
        return self.receive_anregung(request, None)

    def receive_anregung(self, request, vorhaben):
        form = AnregungForm(request.POST, vorhaben=vorhaben)

        def again(status, refusal=None):
            if vorhaben is None:
                response = self.render_list(request, anregung_form=form, status=status)
            else:
                response = self.render_detail(request, vorhaben, anregung_form=form, status=status)
            return refused_page(response, refusal) if refusal else response

        if not form.is_valid():
            return again(400)
        back = self.detail_url(vorhaben) if vorhaben else self.url
        if not form.is_spam():
            try:
                submit_anregung(
                    participant_from_request(request),
                    subject=form.cleaned_data["subject"],
                    reason=form.cleaned_data["reason"],
                    department=form.cleaned_data.get("department"),
                    vorhaben=vorhaben,
                    email=form.cleaned_data["email"],
                )
            except RateLimited as refusal:
                form.add_error(None, refusal.detail)
                return again(429, refusal)
        # Spam gets the same answer as everyone: nothing to learn from it.
        messages.success(request, _("Thank you! Your suggestion has been passed on."))
        return redirect(back + "#anregung")

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
