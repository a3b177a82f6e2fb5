"""The admin's login (``/cms/login/``): allauth's login flow, for staff only.

Wagtail's own login view checks passwords with none of the portal's rules
(no lockout, no e-mail verification, no second factor) and signs in any
account. Here the admin entry uses the same form and flow as the account
pages, so the one login policy (``accounts.login_policy``) and two-factor
authentication hold for it too, and it refuses accounts without admin
access: citizens sign in on the public site.
"""

from functools import cache

from allauth.account import app_settings as account_settings
from allauth.account.forms import LoginForm
from allauth.account.views import LoginView
from allauth.utils import get_form_class
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.login_policy import has_admin_access


class AdminOnlyLoginFormMixin:
    def clean(self):
        cleaned_data = super().clean()
        user = getattr(self, "user", None)
        if user is not None and not has_admin_access(user):
            raise ValidationError(
                _(
                    "This sign-in is only for the city's staff with access to the "
                    "editorial system. Citizens sign in on the public site."
                ),
                code="no_admin_access",
            )
        return cleaned_data


@cache
def admin_login_form(base: type) -> type:
    """The configured login form, refusing accounts without admin access."""
    return type("AdminLoginForm", (AdminOnlyLoginFormMixin, base), {})


class AdminLoginView(LoginView):
    template_name = "wagtailadmin/login.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if has_admin_access(user):
                return redirect(self.get_next_url() or reverse("wagtailadmin_home"))
            # Signed in on the public site: say why the admin stays closed,
            # rather than sending the visitor back and forth between the two.
            return render(request, self.template_name, {"no_admin_access": True}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return admin_login_form(get_form_class(account_settings.FORMS, "login", LoginForm))

    def get_success_url(self):
        return self.get_next_url() or reverse("wagtailadmin_home")


admin_login = AdminLoginView.as_view()
