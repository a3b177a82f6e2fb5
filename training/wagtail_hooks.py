from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from training.views import HandbookIndexView, HandbookTaskView

# Wagtail's own help menu (an English guide and release notes on wagtail.org)
# gives way to the German handbook: one "Hilfe" in the menu, not two.
WAGTAIL_HELP_MENU = "help"


@hooks.register("register_admin_urls")
def register_handbook_urls():
    return [
        path("hilfe/", HandbookIndexView.as_view(), name="training_handbook"),
        path("hilfe/<slug:slug>/", HandbookTaskView.as_view(), name="training_handbook_task"),
    ]


@hooks.register("register_admin_menu_item")
def register_handbook_menu_item():
    # Last in the menu, for everyone who may open the admin.
    return MenuItem(
        _("Help"), reverse("training_handbook"), name="handbook", icon_name="help", order=11000
    )


@hooks.register("construct_main_menu")
def drop_wagtails_help_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_HELP_MENU]
