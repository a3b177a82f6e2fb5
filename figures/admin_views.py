"""The dashboard "Auswertung" in the admin, and its exports.

Analysts and editors see their units' figures, the team and superusers the
whole city (``figures.rules``); for anyone else the page does not exist (404). A bad filter
is shown next to its field with status 400, never a server error.
"""

from django.http import Http404, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from figures import presentation
from figures.exports import FORMATS, export_response
from figures.forms import FigureFilterForm
from figures.queries import figures_for
from figures.rules import viewing_refusal


class FiguresAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if viewing_refusal(request.user) is not None:
            # As for polls: what a role does not reach does not exist for it.
            raise Http404
        self.form = FigureFilterForm(request.GET or None, user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def valid_filter(self):
        if not self.form.is_bound:
            self.form = FigureFilterForm({}, user=self.request.user)
        return self.form.figure_filter() if self.form.is_valid() else None


class DashboardView(FiguresAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "figures/admin/dashboard.html"
    page_title = _("Figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": None, "label": self.page_title}]

    exports = ()

    def get_header_buttons(self):
        """The exports of the figures shown, beside the breadcrumbs (none for a bad filter)."""
        return [
            HeaderButton(
                _("Download %(format)s") % {"format": file_format.upper()},
                url=url,
                icon_name="download",
                attrs={"download": ""},
                priority=10 + position,
            )
            for position, (file_format, url) in enumerate(self.exports)
        ]

    def get(self, request, *args, **kwargs):
        figure_filter = self.valid_filter()
        if figure_filter is None:
            return self.render_to_response(self.get_context_data(form=self.form), status=400)
        query = request.GET.urlencode()
        self.exports = [
            (file_format, f"{reverse('figures_export', args=(file_format,))}?{query}")
            for file_format in FORMATS
        ]
        context = self.get_context_data(form=self.form)
        figures = figures_for(figure_filter)
        context.update(
            figures=figures,
            freshness=presentation.freshness_text(figures),
            key_figures=presentation.key_figures(figures),
            moderation=presentation.moderation_figures(figures),
            charts=presentation.charts(figures),
            exports=self.exports,
        )
        return self.render_to_response(context)


class ExportView(FiguresAccessMixin, View):
    def get(self, request, file_format):
        if file_format not in FORMATS:
            raise Http404
        figure_filter = self.valid_filter()
        if figure_filter is None:
            return HttpResponseBadRequest(
                _("The filter is invalid: please correct it on the figures page."),
                content_type="text/plain; charset=utf-8",
            )
        return export_response(figures_for(figure_filter), file_format)
