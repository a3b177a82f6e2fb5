"""Two-factor authentication: required for everyone with admin access, optional for citizens.

allauth's MFA app (TOTP and recovery codes) does the work: once an account
has an authenticator app, every login asks for a code, on the account
pages, the admin's login and the headless endpoints alike. What this module
adds is the rule for staff: with ``PORTAL_REQUIRE_ADMIN_MFA`` on (the
production default), an account with admin access that has no
authenticator yet is sent to set one up before it reaches the admin, and
cannot switch it off again.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.login_policy import has_admin_access

# Inside the admin, these stay reachable without a second factor.
EXEMPT_ADMIN_PATHS = ("login/", "logout/")


def admin_mfa_required(user) -> bool:
    """Whether ``user`` must use two-factor authentication (whether or not it is set up)."""
    return bool(getattr(settings, "PORTAL_REQUIRE_ADMIN_MFA", False)) and has_admin_access(user)


def admin_mfa_missing(user) -> bool:
    """Whether ``user`` must use two-factor authentication and has not set it up yet."""
    return admin_mfa_required(user) and not is_mfa_enabled(
        user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )


class AdminMfaRequiredMiddleware:
    """Sends staff without a second factor from the admin to the two-factor page, to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = settings.PORTAL_ADMIN_PATH_PREFIX
        path = request.path
        if (
            path.startswith(prefix)
            and not path[len(prefix) :].startswith(EXEMPT_ADMIN_PATHS)
            and admin_mfa_missing(request.user)
        ):
            return redirect(reverse("mfa_index"))
        return self.get_response(request)


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Accounts with access to the editorial system must use two-factor "
            "authentication, so it cannot be switched off."
        ),
    }

    def can_delete_authenticator(self, authenticator) -> bool:
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return super().can_delete_authenticator(authenticator)
        if admin_mfa_required(authenticator.user):
            others = Authenticator.objects.filter(user_id=authenticator.user_id).exclude(
                pk=authenticator.pk
            )
            if not others.exclude(type=Authenticator.Type.RECOVERY_CODES).exists():
                return False
        return super().can_delete_authenticator(authenticator)


class PortalAuthenticateForm(AuthenticateForm):
    """allauth's second-factor form, saying which codes it takes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code from your authenticator app, or a recovery code")
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update({"autocomplete": "one-time-code", "spellcheck": "false"})
