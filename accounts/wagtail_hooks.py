"""The admin's account page links to the account pages for the password and two-factor sign-in.

The admin has no password forms of its own (``WAGTAIL_PASSWORD_MANAGEMENT_ENABLED
= False``): passwords are changed where the login policy applies to them.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def change_password_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("On the portal's account pages."),
    }


@hooks.register("register_account_menu_item")
def two_factor_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor sign-in"),
        "help_text": _("An authenticator app and recovery codes for signing in."),
    }
