import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.httpkit import is_headless_request
from django.db import IntegrityError, transaction

from accounts.forms import display_name_conflict
from portal.participants import ip_hash


class AccountAdapter(DefaultAccountAdapter):
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


def signup_refused(request, form):
    """The signup form (or allauth's JSON error) again, with the error at its field."""
    if is_headless_request(request):
        from allauth.headless.internal.restkit.response import ErrorResponse

        return ErrorResponse(request, input=form)
    from allauth.account.views import SignupView

    view = SignupView()
    view.setup(request)
    return view.form_invalid(form)
