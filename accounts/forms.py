from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_display_name


def display_name_taken(name: str, exclude_pk=None) -> bool:
    users = get_user_model().objects.filter(display_name__iexact=name.strip())
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.exists()


class DisplayNameMixin:
    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            return name
        instance = getattr(self, "instance", None)
        if display_name_taken(name, exclude_pk=getattr(instance, "pk", None)):
            raise forms.ValidationError(_("This display name is already taken."), code="taken")
        return name


class SignupForm(DisplayNameMixin, forms.Form):
    """allauth's signup form gains the pseudonymous public name (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Public display name"),
        max_length=40,
        validators=[validate_display_name],
        help_text=_(
            "Shown next to your contributions. You may use a pseudonym; "
            "your e-mail address is never shown."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


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
