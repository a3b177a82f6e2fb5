"""The approval (Freigabe) of polls in the admin: the state on save, and the approval page.

The rules and their mails live in ``polls.approval``; this module only asks
them and turns their refusals into form errors and admin messages.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import CreateView

from participation.refusals import InvalidInput, Refusal
from polls import approval
from polls.admin_views import RESULT_PERMISSIONS, PollEditView, reachable_polls
from polls.models import Ballot

ACTION_LABELS = {
    approval.SUBMIT: _("Submit for approval"),
    approval.APPROVE: _("Approve"),
    approval.SEND_BACK: _("Send back with comment"),
}
APPROVAL_URL_NAME = "approval_of_poll"


class ApprovalOnSaveMixin:
    """Sets the poll's approval from who saves it, before Wagtail saves the form."""

    creating = False

    def save_instance(self):
        poll = self.form.instance
        has_ballots = not self.creating and Ballot.objects.filter(poll_id=poll.pk).exists()
        approval.approval_when_saved(
            poll, self.request.user, created=self.creating, has_ballots=has_ballots
        )
        return super().save_instance()


class PollCreateView(ApprovalOnSaveMixin, CreateView):
    creating = True


class PollEditViewWithApproval(ApprovalOnSaveMixin, PollEditView):
    pass


class PollApprovalView(WagtailAdminTemplateMixin, TemplateView):
    """One poll's approval state, its last comment, and the steps the user may take."""

    template_name = "polls/admin/approval.html"
    page_title = _("Approval")
    header_icon = "tasks"
    edit_url_name = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.poll = get_object_or_404(
            reachable_polls(request.user, RESULT_PERMISSIONS), pk=kwargs["pk"]
        )
        self.errors = {}

    def get_page_subtitle(self):
        return self.poll.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": self.edit_url(), "label": self.poll.title},
            {"url": "", "label": self.page_title},
        ]

    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.poll.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            poll=self.poll,
            actions=[
                (action, ACTION_LABELS[action])
                for action in approval.actions_for(self.poll, self.request.user)
            ],
            errors=self.errors,
            comment=kwargs.get("comment", ""),
            edit_url=self.edit_url(),
            max_comment_length=approval.MAX_COMMENT_LENGTH,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        comment = request.POST.get("comment", "")
        try:
            approval.decide(self.poll.pk, request.user, action, comment)
        except InvalidInput as refusal:
            for error in refusal.errors:
                self.errors.setdefault(error["field"], []).append(error["message"])
            return self.render_to_response(self.get_context_data(comment=comment), status=400)
        except Refusal as refusal:
            messages.error(request, refusal.detail)
            return redirect(request.path)
        messages.success(request, DONE_MESSAGES[action] % {"title": self.poll.title})
        return redirect(self.edit_url())


DONE_MESSAGES = {
    approval.SUBMIT: _("'%(title)s' has been submitted to the participation team for approval."),
    approval.APPROVE: _("'%(title)s' is approved. It opens for votes at the time set."),
    approval.SEND_BACK: _("'%(title)s' has been sent back to its editors."),
}
