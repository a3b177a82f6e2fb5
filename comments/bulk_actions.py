"""Bulk moderation from the listing: approve, reject, hide, restore or remove many comments.

Wagtail's bulk action flow: the listing's checkboxes lead to a
confirmation page (with a note, and a reason for removals), whose POST
runs ``comments.services.moderate``. Comments whose state does not fit the
action are skipped and counted in the message.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from comments import rules, services
from comments.models import Comment, ModerationAction
from comments.moderation_scope import moderates_page


class BulkModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Moderator note (internal)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkRemovalForm(BulkModerationForm):
    reason = forms.CharField(
        label=_("Reason shown publicly"),
        max_length=services.MAX_REMOVAL_REASON,
        help_text=_("Shown in place of each removed comment."),
    )


class CommentBulkAction(BulkAction):
    models = [Comment]
    template_name = "comments/admin/confirm_bulk_action.html"
    form_class = BulkModerationForm
    moderation_action = None
    action_type = None

    def check_perm(self, obj):
        user = self.request.user
        return rules.can_moderate(user) and moderates_page(user, obj.page_id)

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {
            "view": self,
            "note": data.get("note", ""),
            "reason": data.get("reason", ""),
        }

    @classmethod
    def execute_action(cls, objects, view=None, note="", reason="", **kwargs):
        view.result = services.moderate(
            [comment.pk for comment in objects],
            cls.moderation_action,
            view.request.user,
            note=note,
            reason=reason,
        )
        return len(view.result.changed), 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d comment: %(action)s.",
            "%(count)d comments: %(action)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "action": self.moderation_action.label}
        skipped = len(self.result.skipped)
        if skipped:
            message += " " + ngettext(
                "%(count)d comment was skipped because its state does not fit the action.",
                "%(count)d comments were skipped because their state does not fit the action.",
                skipped,
            ) % {"count": skipped}
        return message


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    aria_label = _("Approve the selected comments")
    moderation_action = ModerationAction.APPROVE
    action_type = ModerationAction.APPROVE.value
    action_priority = 10


class RejectBulkAction(CommentBulkAction):
    display_name = _("Reject")
    aria_label = _("Reject the selected comments")
    moderation_action = ModerationAction.REJECT
    action_type = ModerationAction.REJECT.value
    action_priority = 20


class HideBulkAction(CommentBulkAction):
    display_name = _("Hide")
    aria_label = _("Hide the selected comments")
    moderation_action = ModerationAction.HIDE
    action_type = ModerationAction.HIDE.value
    action_priority = 30


class RestoreBulkAction(CommentBulkAction):
    display_name = _("Restore")
    aria_label = _("Restore the selected comments")
    moderation_action = ModerationAction.RESTORE
    action_type = ModerationAction.RESTORE.value
    action_priority = 40


class RemoveBulkAction(CommentBulkAction):
    display_name = _("Remove")
    aria_label = _("Remove the selected comments")
    moderation_action = ModerationAction.REMOVE
    action_type = ModerationAction.REMOVE.value
    form_class = BulkRemovalForm
    action_priority = 50
    classes = {"serious"}


BULK_ACTIONS = [
    ApproveBulkAction,
    RejectBulkAction,
    HideBulkAction,
    RestoreBulkAction,
    RemoveBulkAction,
]
