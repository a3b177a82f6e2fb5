from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.skeleton import comparison_key
from accounts.validators import normalize_display_name, validate_display_name

TAKEN = _("This display name is already taken.")
LOOKS_TAKEN = _(
    "This display name looks too much like one that is already taken. Please choose another one."
)


def display_name_conflict(name: str, exclude_pk=None) -> str | None:
    """None if the name is free, else the message: taken as written, or only alike."""
    key = comparison_key(name)
    if not key:
        return None
    users = get_user_model().objects.filter(display_name_skeleton=key)
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    existing = users.values_list("display_name", flat=True).first()
    if existing is None:
        return None
    return TAKEN if existing.casefold() == name.casefold() else LOOKS_TAKEN


class DisplayNameMixin:
    """Checks a display name on every form that sets one (signup, profile, the admin's).

    A look-alike of a taken name is named as such first: "Radlerin" with a
    Cyrillic a is refused because "Radlerin" exists, which says more than
    "mixed scripts"; then the rules of ``validate_display_name``.
    """

    def clean_display_name(self):
        name = normalize_display_name(self.cleaned_data["display_name"])
        if not name:
            return name
        instance = getattr(self, "instance", None)
        message = display_name_conflict(name, exclude_pk=getattr(instance, "pk", None))
        if message:
            raise forms.ValidationError(message, code="taken")
        validate_display_name(name)
        return name


class ConsentMixin:
    """A required checkbox: the privacy notice read, the terms of use accepted.

    The label says what is agreed to; the help text links the documents
    (from the portal settings) with their versions.
    """

    def add_consent_field(self, request):
        from accounts.consent import document_links

        documents = document_links(request)
        if not documents:
            return
        names = {document["document"] for document in documents}
        if names == {"privacy", "terms"}:
            label = _("I have read the privacy notice and accept the terms of use.")
        elif names == {"privacy"}:
            label = _("I have read the privacy notice.")
        else:
            label = _("I accept the terms of use.")
        self.fields["consent"] = forms.BooleanField(
            label=label,
            help_text=document_list(documents),
            error_messages={"required": _("Please confirm this to continue.")},
        )


def document_list(documents) -> str:
    items = format_html_join(
        ", ",
        "{}",
        (
            (
                format_html('<a href="{}">{}</a>', document["page"].url, title)
                if document["page"] is not None
                else title,
            )
            for document in documents
            for title in [
                _("%(title)s (version %(version)s)")
                % {"title": capfirst(document["title"]), "version": document["version"]}
            ]
        ),
    )
    return format_html("{} {}", _("Read:"), items)


class SignupForm(ConsentMixin, DisplayNameMixin, forms.Form):
    """allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS, also behind the headless signup).

    It gains the pseudonymous public name and the consent (``consent``:
    true in the headless signup's JSON).
    """

    display_name = forms.CharField(
        label=_("Public display name"),
        max_length=40,
        help_text=_(
            "Shown next to your contributions. You may use a pseudonym; "
            "your e-mail address is never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from allauth.core import context

        self.add_consent_field(getattr(context, "request", None))
        self.order_fields(self.field_order)

    def signup(self, request, user):
        """The account exists (with its name, see the adapter); the consent is stored with it."""
        from accounts.consent import record_consents

        if "consent" in self.fields:
            record_consents(user)


class ConsentForm(ConsentMixin, forms.Form):
    """Asked again after a document changed."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_consent_field(request)


class ProfileForm(DisplayNameMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["display_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you, please enter your password."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password
