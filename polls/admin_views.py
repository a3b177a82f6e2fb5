"""Admin views of a poll: the results page and the exports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from polls.exports import DATASETS, export_response
from polls.models import Poll
from polls.results import ballot_sources
from polls.services import poll_results

EXPORT_FORMATS = ("csv", "xlsx")
# Anyone who may edit or view polls in the admin may see and export results.
RESULT_PERMISSIONS = ["change", "view"]


class PollResultsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Poll
    any_permission_required = RESULT_PERMISSIONS
    template_name = "polls/admin/results.html"
    page_title = _("Poll results")
    header_icon = "tasks"
    url_namespace = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.poll = get_object_or_404(Poll, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return self.poll.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exports = [
            {
                "dataset": dataset,
                "format": file_format,
                "url": reverse(
                    f"{self.url_namespace}:export", args=(self.poll.pk, dataset, file_format)
                ),
            }
            for dataset in DATASETS
            for file_format in EXPORT_FORMATS
        ]
        context.update(
            poll=self.poll,
            results=poll_results(self.poll),
            sources=ballot_sources(self.poll),
            exports=exports,
            edit_url=reverse(f"{self.url_namespace}:edit", args=(self.poll.pk,)),
        )
        return context


class PollExportView(PermissionCheckedMixin, View):
    model = Poll
    any_permission_required = RESULT_PERMISSIONS

    def get(self, request, pk, dataset, file_format):
        if dataset not in DATASETS or file_format not in EXPORT_FORMATS:
            raise Http404
        return export_response(get_object_or_404(Poll, pk=pk), dataset, file_format)
