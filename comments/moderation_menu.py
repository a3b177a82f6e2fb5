"""The admin's "Moderation" menu: a submenu the apps with a moderation queue register into.

Comments' queue is one item; other apps (proposals) add theirs through the
hook ``register_moderation_menu_item`` without comments knowing them. The
menu shows only the items the user may open, and hides when none is left.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, SubmenuMenuItem

MODERATION_MENU_HOOK = "register_moderation_menu_item"

moderation_menu = Menu(register_hook_name=MODERATION_MENU_HOOK)


def moderation_menu_item() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Moderation"), moderation_menu, name="moderation", icon_name="comment", order=260
    )
