"""Polls in the admin: a snippet viewset with a results page and exports per poll.

Wagtail's own viewsets fit better than wagtail-modeladmin here: snippets
give polls a chooser for the poll block, revisions-free editing with nested
inline panels, and custom views hang off the same URL namespace.
"""

from functools import cached_property

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from polls import approval
from polls.admin_approval import (
    APPROVAL_URL_NAME,
    PollApprovalView,
    PollCreateView,
    PollEditViewWithApproval,
)
from polls.admin_chooser import PollChooserViewSet
from polls.admin_forms import PollAdminForm
from polls.admin_views import (
    RESULT_PERMISSIONS,
    PollDeleteView,
    PollExportView,
    PollHistoryView,
    PollResultsView,
    PollUsageView,
    poll_policy,
    reachable_polls,
)
from polls.models import Poll, PollApproval, PollState
from polls.permissions import RESULTS_ACTION, PollPermissionPolicy
from web.admin_panels import WorkItem, register_work
from web.admin_tables import short_period

# Before the viewset is registered, or Wagtail makes a plain model policy for polls.
register_permission_policy(Poll, PollPermissionPolicy(Poll))

RESULTS_URL_NAME = "results_of_poll"


def results_url(viewset, poll) -> str:
    return reverse(viewset.get_url_name(RESULTS_URL_NAME), args=(poll.pk,))


def approval_url(viewset, poll) -> str:
    return reverse(viewset.get_url_name(APPROVAL_URL_NAME), args=(poll.pk,))


class PollEditViewWithResults(PollEditViewWithApproval):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Approval: %(state)s") % {"state": self.object.get_approval_display()},
                url=approval_url(poll_viewset, self.object),
                icon_name="tick",
                priority=4,
            )
        )
        buttons.append(
            Button(
                _("Results and export"),
                url=results_url(poll_viewset, self.object),
                icon_name="tasks",
                priority=5,
            )
        )
        return buttons


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "tasks"
    menu_label = _("Polls")
    menu_order = 240
    add_to_admin_menu = True
    add_view_class = PollCreateView
    chooser_viewset_class = PollChooserViewSet
    edit_view_class = PollEditViewWithResults
    delete_view_class = PollDeleteView
    history_view_class = PollHistoryView
    usage_view_class = PollUsageView
    list_display = [
        "title",
        # The state's label ("offen"), not its stored value ("open").
        StatusTagColumn(
            "state",
            label=_("state"),
            accessor=lambda poll: poll.state.label,
            primary=lambda poll: poll.state == PollState.OPEN,
        ),
        StatusTagColumn(
            "approval",
            label=_("approval"),
            accessor=lambda poll: poll.get_approval_display(),
            primary=lambda poll: poll.approval == PollApproval.APPROVED,
        ),
        "audience",
        "department",
        Column(
            "opens_at",
            label=_("period"),
            accessor=lambda poll: short_period(poll.opens_at, poll.closes_at),
            sort_key="opens_at",
        ),
        Column("ballot_count", label=_("ballots"), accessor="ballot_count"),
    ]
    list_filter = ["approval", "audience", "department", "results_visibility"]
    edit_handler = TabbedInterface(
        [
            ObjectList(Poll.panels, heading=_("Poll")),
            ObjectList(Poll.question_panels, heading=_("Questions")),
        ],
        base_form_class=PollAdminForm,
    )

    def get_queryset(self, request):
        """Only the polls of the user's units (all for the team)."""
        return reachable_polls(request.user, RESULT_PERMISSIONS).annotate_ballot_count()

    def get_urlpatterns(self):
        namespace = self.url_namespace
        return [
            *super().get_urlpatterns(),
            path(
                "poll-results/<int:pk>/",
                PollResultsView.as_view(
                    url_namespace=namespace, breadcrumbs_items=self.breadcrumbs_items
                ),
                name=RESULTS_URL_NAME,
            ),
            path(
                "poll-approval/<int:pk>/",
                PollApprovalView.as_view(edit_url_name=self.get_url_name("edit")),
                name=APPROVAL_URL_NAME,
            ),
            path(
                "poll-export/<int:pk>/<str:dataset>.<str:file_format>",
                PollExportView.as_view(),
                name="export",
            ),
        ]


poll_viewset = PollViewSet()
register_snippet(poll_viewset)


@hooks.register("register_snippet_listing_buttons")
def poll_results_listing_button(snippet, user, next_url=None):
    if not isinstance(snippet, Poll):
        return []
    if not poll_policy().user_has_permission_for_instance(user, RESULTS_ACTION, snippet):
        return []
    return [
        Button(
            _("Results and export"),
            url=results_url(poll_viewset, snippet),
            icon_name="tasks",
            priority=5,
        )
    ]


class ApprovalLogFormatter(LogFormatter):
    """'Approved' and the team's comment, in the poll's history."""

    def format_message(self, log_entry):
        comment = log_entry.data.get("comment", "")
        return f"{self.message}: {comment}" if comment else str(self.message)


APPROVAL_LOG_TEXTS = {
    approval.SUBMIT: (_("Submit for approval"), _("Submitted for approval")),
    approval.APPROVE: (_("Approve"), _("Approved")),
    approval.SEND_BACK: (_("Send back"), _("Sent back")),
}


@hooks.register("register_log_actions")
def poll_approval_log_actions(actions):
    for step, (label, message) in APPROVAL_LOG_TEXTS.items():
        formatter = type(
            "ApprovalLogFormatter", (ApprovalLogFormatter,), {"label": label, "message": message}
        )
        actions.register_action(approval.LOG_ACTIONS[step])(formatter)


@register_work
def polls_to_approve(user) -> list[WorkItem]:
    """The team: polls awaiting approval; a unit's editors: their units' drafts."""
    listing = reverse("wagtailsnippets_polls_poll:list")
    if approval.approves_polls(user):
        waiting = Poll.objects.filter(approval=PollApproval.SUBMITTED).count()
        return [
            WorkItem(_("Polls awaiting your approval"), waiting, f"{listing}?approval=submitted")
        ]
    drafts = reachable_polls(user, ["change"]).filter(approval=PollApproval.DRAFT).count()
    return [WorkItem(_("Poll drafts not yet submitted"), drafts, f"{listing}?approval=draft")]
