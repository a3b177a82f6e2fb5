"""The public forms around the Vorhabenliste: its filters and the Anregung.

Both work without JavaScript; errors are German sentences next to their field.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from pages.models import District
from vorhaben.models import LISTED_STATES, Vorhaben, VorhabenState

IGNORED = _("This filter value does not exist and was ignored.")


class SlugChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": IGNORED}

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class VorhabenFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))]
        + [(state.value, state.label) for state in VorhabenState if state in LISTED_STATES],
        error_messages={"invalid_choice": IGNORED},
    )
    department = SlugChoiceField(
        Department.objects.all(), label=_("Department"), empty_label=_("All departments")
    )
    district = SlugChoiceField(
        District.objects.all(), label=_("District"), empty_label=_("All districts")
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {key: data.get(key) for key in self.base_fields if key in data}
        super().__init__(data or None, **kwargs)

    def filter(self, vorhaben):
        if not self.is_bound:
            return vorhaben
        self.is_valid()
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }
        if "status" in values:
            vorhaben = vorhaben.filter(state=values["status"])
        if "department" in values:
            ids = Department.objects.family_ids(values["department"])
            vorhaben = vorhaben.filter(department__in=ids)
        if "district" in values:
            vorhaben = vorhaben.filter(districts=values["district"])
        return vorhaben


class AnregungForm(forms.Form):
    subject = forms.CharField(
        label=_("What should be opened to participation?"),
        max_length=200,
        error_messages={
            "required": _("Please say what should be opened to participation."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Please give a reason for your suggestion."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )
    department = forms.ModelChoiceField(
        Department.objects.all(),
        label=_("Responsible department (if you know it)"),
        required=False,
        empty_label=_("I don't know"),
        error_messages={"invalid_choice": _("Please choose a department from the list.")},
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_(
            "Only if you would like an answer. The department uses it for this answer only "
            "and deletes it once your suggestion has been answered."
        ),
        error_messages={"invalid": _("Please enter a valid e-mail address, or leave it empty.")},
    )
    # A field people do not see: bots fill it in.
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, vorhaben: Vorhaben | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vorhaben = vorhaben
        if vorhaben is not None:
            del self.fields["department"]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
