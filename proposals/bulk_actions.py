"""Bulk moderation of proposals from the queue: publish, reject, remove, restore, dismiss reports.

Wagtail's bulk action flow, as ``comments.bulk_actions``: the queue's
checkboxes lead to a confirmation page (a reason for rejections and
removals, a note), whose POST runs ``proposals.moderation.moderate``.
Proposals whose state does not fit the action are skipped and counted.
"""

from django import forms
from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from proposals import moderation, rules
from proposals.models import Proposal, ProposalModerationAction
from proposals.moderation import within_scope
from web.participants import participant_from_request

Action = ProposalModerationAction


class BulkModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Moderator note (internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkReasonForm(BulkModerationForm):
    reason = forms.CharField(
        label=_("Reason told to the author"),
        max_length=moderation.MAX_REASON,
        help_text=_("Each author is told this reason on the proposal's page."),
    )


class ProposalBulkAction(BulkAction):
    models = [Proposal]
    template_name = "proposals/admin/confirm_bulk_action.html"
    form_class = BulkModerationForm
    moderation_action = None

    def check_perm(self, obj):
        return rules.moderates(participant_from_request(self.request), obj.collection)

    def get_queryset(self, model, object_ids):
        # Other units' proposals do not exist here, not even as "no access" items.
        proposals = within_scope(
            self.request.user, model.objects.select_related("collection__page")
        )
        return get_list_or_404(proposals, pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        return within_scope(self.request.user, Proposal.objects.all()).values_list("pk", flat=True)

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {"view": self, "note": data.get("note", ""), "reason": data.get("reason", "")}

    @classmethod
    def execute_action(cls, objects, view=None, note="", reason="", **kwargs):
        view.result = moderation.moderate(
            participant_from_request(view.request),
            [proposal.pk for proposal in objects],
            cls.moderation_action,
            reason=reason,
            note=note,
        )
        return len(view.result.changed), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d proposal: %(action)s.",
            "%(count)d proposals: %(action)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "action": self.moderation_action.label}
        skipped = len(self.result.skipped)
        if skipped:
            message += " " + ngettext(
                "%(count)d proposal was skipped because its state does not fit the action.",
                "%(count)d proposals were skipped because their state does not fit the action.",
                skipped,
            ) % {"count": skipped}
        return message


class PublishBulkAction(ProposalBulkAction):
    display_name = _("Publish")
    aria_label = _("Publish the selected proposals")
    moderation_action = Action.PUBLISH
    action_type = "publish_proposals"
    action_priority = 10


class RejectBulkAction(ProposalBulkAction):
    display_name = _("Reject")
    aria_label = _("Reject the selected proposals")
    moderation_action = Action.REJECT
    action_type = "reject_proposals"
    form_class = BulkReasonForm
    action_priority = 20


class RemoveBulkAction(ProposalBulkAction):
    display_name = _("Remove")
    aria_label = _("Remove the selected proposals")
    moderation_action = Action.REMOVE
    action_type = "remove_proposals"
    form_class = BulkReasonForm
    action_priority = 30
    classes = {"serious"}


class RestoreBulkAction(ProposalBulkAction):
    display_name = _("Restore")
    aria_label = _("Restore the selected proposals")
    moderation_action = Action.RESTORE
    action_type = "restore_proposals"
    action_priority = 40


class DismissBulkAction(ProposalBulkAction):
    display_name = _("Dismiss reports")
    aria_label = _("Dismiss the reports on the selected proposals")
    moderation_action = Action.DISMISS
    action_type = "dismiss_reports"
    action_priority = 50


BULK_ACTIONS = [
    PublishBulkAction,
    RejectBulkAction,
    RemoveBulkAction,
    RestoreBulkAction,
    DismissBulkAction,
]
