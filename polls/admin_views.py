"""Admin views of a poll: the results page, the exports, and the snippet views of one poll.

Each looks the poll up among those the user's roles reach
(``polls.permissions``): any other poll does not exist for them (404).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, UsageView

from polls.exports import DATASETS, export_response
from polls.models import Poll
from polls.permissions import RESULTS_ACTION
from polls.results import ballot_sources
from polls.services import poll_results

EXPORT_FORMATS = ("csv", "xlsx")
# Anyone who may edit or view polls in the admin may see and export results (of their units).
RESULT_PERMISSIONS = ["change", "view"]


def poll_policy():
    return policy_registry.get_by_type(Poll)


def reachable_polls(user, actions):
    return poll_policy().instances_user_has_any_permission_for(user, actions)


class ReachablePollMixin:
    """A view of one poll that finds only the polls the user may act on with ``poll_actions``."""

    poll_actions = ["change"]

    def get_queryset(self):  # Django's SingleObjectMixin (edit, delete)
        return reachable_polls(self.request.user, self.poll_actions)

    def get_base_object_queryset(self):  # Wagtail's BaseObjectMixin (history, usage)
        return reachable_polls(self.request.user, self.poll_actions)


class PollEditView(ReachablePollMixin, EditView):
    pass


class PollDeleteView(ReachablePollMixin, DeleteView):
    poll_actions = ["delete"]


class PollHistoryView(ReachablePollMixin, HistoryView):
    poll_actions = RESULT_PERMISSIONS


class PollUsageView(ReachablePollMixin, UsageView):
    poll_actions = RESULT_PERMISSIONS


class PollResultsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Poll
    any_permission_required = RESULT_PERMISSIONS
    template_name = "polls/admin/results.html"
    page_title = _("Poll results")
    header_icon = "tasks"
    url_namespace = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.poll = get_object_or_404(
            reachable_polls(request.user, [RESULTS_ACTION]), pk=kwargs["pk"]
        )

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
            edit_url=(
                reverse(f"{self.url_namespace}:edit", args=(self.poll.pk,))
                if poll_policy().user_has_permission_for_instance(
                    self.request.user, "change", self.poll
                )
                else ""
            ),
        )
        return context


class PollExportView(PermissionCheckedMixin, View):
    model = Poll
    any_permission_required = RESULT_PERMISSIONS

    def get(self, request, pk, dataset, file_format):
        if dataset not in DATASETS or file_format not in EXPORT_FORMATS:
            raise Http404
        poll = get_object_or_404(reachable_polls(request.user, [RESULTS_ACTION]), pk=pk)
        return export_response(poll, dataset, file_format)
