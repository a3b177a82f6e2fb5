from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from notifications.admin_views import OutboxReportView
from notifications.outbox_report import may_see_outbox


@hooks.register("register_admin_urls")
def register_outbox_report():
    return [path("mail-outbox/", OutboxReportView.as_view(), name="notifications_outbox")]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_outbox(request.user)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Mail outbox"), reverse("notifications_outbox"), icon_name="mail", order=800
    )
