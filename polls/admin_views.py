"""Admin views of a poll: the results page, the exports, and the snippet views of one poll.

Each looks the poll up among those the user's roles reach
(``polls.permissions``): any other poll does not exist for them (404).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, UsageView

from polls.admin_tables import question_table, sources_table
from polls.exports import DATASETS, export_response
from polls.models import Poll, PollApproval, PollState
from polls.permissions import RESULTS_ACTION
from polls.results import ballot_sources
from polls.services import poll_results
from web.admin_tables import short_period

EXPORT_FORMATS = ("csv", "xlsx")
# Anyone who may edit or view polls in the admin may see and export results (of their units).
RESULT_PERMISSIONS = ["change", "view"]
DATASET_LABELS = {"results": _("Results"), "ballots": _("Ballots (pseudonymised)")}


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
    """The results of one poll, in the admin's own furniture.

    Breadcrumbs as on Wagtail's inspect and usage views (Home > Polls > the
    poll > Results), the poll's state and approval as status tags, the
    exports as header actions and as links on the page (they work without
    JavaScript), and each question as a Wagtail table whose share column
    carries the bar chart (``polls.admin_tables``).
    """

    model = Poll
    any_permission_required = RESULT_PERMISSIONS
    template_name = "polls/admin/results.html"
    page_title = _("Results")
    header_icon = "tasks"
    url_namespace = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.poll = get_object_or_404(
            reachable_polls(request.user, [RESULTS_ACTION]), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.poll.title

    def url(self, name, *args):
        return reverse(f"{self.url_namespace}:{name}", args=args)

    @cached_property
    def edit_url(self) -> str:
        may_edit = poll_policy().user_has_permission_for_instance(
            self.request.user, "change", self.poll
        )
        return self.url("edit", self.poll.pk) if may_edit else ""

    @cached_property
    def exports(self) -> list[dict]:
        return [
            {
                "label": _("%(dataset)s (%(format)s)")
                % {"dataset": DATASET_LABELS[dataset], "format": file_format.upper()},
                "dataset": dataset,
                "format": file_format,
                "url": self.url("export", self.poll.pk, dataset, file_format),
            }
            for dataset in DATASETS
            for file_format in EXPORT_FORMATS
        ]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.url("list"), "label": capfirst(Poll._meta.verbose_name_plural)},
            {"url": self.edit_url or None, "label": self.poll.title},
            {"url": None, "label": self.get_page_title(), "sublabel": self.poll.title},
        ]

    @cached_property
    def header_buttons(self):
        if not self.edit_url:
            return []
        return [HeaderButton(_("Edit poll"), url=self.edit_url, icon_name="edit", priority=10)]

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                _("Download: %(export)s") % {"export": export["label"]},
                url=export["url"],
                icon_name="download",
                attrs={"download": ""},
                priority=20 + position,
            )
            for position, export in enumerate(self.exports)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = poll_results(self.poll)
        sources = ballot_sources(self.poll)
        crowded_label = ngettext(
            "of these from crowded networks (more than %(limit)s anonymous ballot from "
            "one network on one day)",
            "of these from crowded networks (more than %(limit)s anonymous ballots from "
            "one network on one day)",
            sources.crowded_above,
        ) % {"limit": sources.crowded_above}
        context.update(
            poll=self.poll,
            results=results,
            questions=[
                (result, question_table(result, result.question.text) if result.options else None)
                for result in results.questions
            ],
            sources=sources,
            sources_table=sources_table(sources, crowded_label),
            exports=self.exports,
            edit_url=self.edit_url,
            period=short_period(self.poll.opens_at, self.poll.closes_at),
            state_is_open=self.poll.state == PollState.OPEN,
            is_approved=self.poll.approval == PollApproval.APPROVED,
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
