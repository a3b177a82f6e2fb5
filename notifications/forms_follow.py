"""The follow buttons' forms and the e-mail follow form (with a honeypot, as the Anregung form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import FollowTarget
from notifications.targets import EMAIL_KINDS

MAX_ID = 2**63 - 1


class FollowForm(forms.Form):
    """Hidden fields of a follow button: what to follow, and where to go back to."""

    target = forms.ChoiceField(
        choices=FollowTarget.choices,
        error_messages={"invalid_choice": _("Choose what you want to follow.")},
    )
    target_id = forms.IntegerField(min_value=0, max_value=MAX_ID)
    next = forms.CharField(required=False, max_length=500)


class EmailFollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm. Until you confirm, we keep only the address "
            "and delete it after 7 days."
        ),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    target = forms.ChoiceField(
        choices=[(kind, label) for kind, label in FollowTarget.choices if kind in EMAIL_KINDS],
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose what you want to follow.")},
    )
    target_id = forms.IntegerField(min_value=0, max_value=MAX_ID, widget=forms.HiddenInput)
    # A field people do not see: bots fill it in.
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
