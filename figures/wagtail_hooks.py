from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from figures.admin_views import DashboardView, ExportView
from figures.rules import viewing_refusal


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [
        path("auswertung/", DashboardView.as_view(), name="figures_dashboard"),
        path("auswertung/export.<str:file_format>", ExportView.as_view(), name="figures_export"),
    ]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return viewing_refusal(request.user) is None


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return FiguresMenuItem(_("Figures"), reverse("figures_dashboard"), icon_name="table", order=260)
