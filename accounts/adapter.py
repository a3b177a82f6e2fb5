import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.httpkit import is_headless_request
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.forms import display_name_conflict
from accounts.portal_settings import portal_settings
from web.participants import ip_hash


class AccountAdapter(DefaultAccountAdapter):
    # allauth's messages in the portal's words (its German catalogue says "du").
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "cannot_remove_primary_email": _("You cannot remove your primary e-mail address."),
        "enter_current_password": _("Please enter your current password."),
        "max_email_addresses": _("You cannot add more than %d e-mail addresses."),
        "unverified_primary_email": _("Your primary e-mail address must be confirmed first."),
        "rate_limited": _("Too many requests. Please wait a moment and try again."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
        "email_taken": _("An account with this e-mail address already exists."),
        "unknown_email": _("There is no account with this e-mail address."),
        "too_many_login_attempts": _(
            "Too many failed attempts to sign in. Please try again later."
        ),
    }

    def populate_username(self, request, user):
        """A random internal username: nothing of the e-mail address leaks into it.

        Citizens sign in with their e-mail address and appear under their
        display name, so the username only has to be unique.
        """
        if not user.username:
            user.username = f"user-{secrets.token_hex(6)}"

    def get_client_ip(self, request):
        """allauth keys its rate limits by client; it gets the salted hash, never the address."""
        return ip_hash(request)

    def send_mail(self, template_prefix, email, context):
        """Account mails greet by the public name and sign with the portal's name, not the host."""
        request = allauth_context.request
        site_settings = portal_settings(request)
        user = context.get("user")
        mail_context = {
            "portal_name": settings.WAGTAIL_SITE_NAME,
            "operator_name": getattr(site_settings, "operator_name", ""),
            "portal_url": request.build_absolute_uri("/") if request is not None else "",
            "greeting_name": getattr(user, "display_name", "") if user is not None else "",
            **context,
        }
        super().send_mail(template_prefix, email, mail_context)

    def format_email_subject(self, subject):
        return f"[{settings.WAGTAIL_SITE_NAME}] {subject}"

    def get_login_stages(self):
        """Every login ends by asking for consent to changed documents (accounts.consent)."""
        return [*super().get_login_stages(), "accounts.consent_stage.ConsentStage"]

    def save_user(self, request, user, form, commit=True):
        """The account is created with its display name, in one row and one transaction.

        The form checked that the name is free; a look-alike saved by a
        signup running at the same moment is caught by the unique key and
        answered like the form's own check, never with a server error.
        """
        name = form.cleaned_data.get("display_name")
        if name:
            user.display_name = name
        if not commit:
            return super().save_user(request, user, form, commit=False)
        try:
            with transaction.atomic():
                return super().save_user(request, user, form, commit=True)
        except IntegrityError:
            message = display_name_conflict(name) if name else None
            if message is None:
                raise
            form.add_error("display_name", message)
            raise ImmediateHttpResponse(signup_refused(request, form)) from None


def user_display(user) -> str:
    """How allauth names an account wherever it shows one: its public name."""
    return str(user.public_name)


def signup_refused(request, form):
    """The signup form (or allauth's JSON error) again, with the error at its field."""
    if is_headless_request(request):
        from allauth.headless.internal.restkit.response import ErrorResponse

        return ErrorResponse(request, input=form)
    from allauth.account.views import SignupView

    view = SignupView()
    view.setup(request)
    return view.form_invalid(form)
