"""The mail outbox in the admin (Reports → Mail outbox), for the participation team.

Counts by status, then every mail that failed or waits for another attempt
with its kind, attempts, last error and next attempt, and a button (POST)
that sends it again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from notifications import outbox_report
from participation.refusals import Refusal


class OutboxReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/outbox.html"
    page_title = _("Mail outbox")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not outbox_report.may_see_outbox(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(counts=outbox_report.counts_by_status(), deliveries=outbox_report.troubled())
        return context

    def post(self, request):
        try:
            outbox_report.retry_delivery(request.user, int(request.POST.get("delivery", 0)))
        except (Refusal, ValueError):
            messages.error(request, _("This mail cannot be retried."))
        else:
            messages.success(request, _("The mail will be sent again."))
        return redirect("notifications_outbox")
