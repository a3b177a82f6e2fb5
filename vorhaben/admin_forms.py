"""Forms of the Vorhaben register in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from departments.forms import offer_own_units
from vorhaben.models import ParticipationFormat, Vorhaben
from vorhaben.rules import PREVOTE_STATES


class VorhabenForm(WagtailAdminModelForm):
    """Editors register plans for their own units; formats are ticked, not typed."""

    formats = forms.MultipleChoiceField(
        label=_("formats wanted"),
        choices=ParticipationFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_own_units(self)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("New internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the participation team and the department see internal notes."),
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PrevoteForm(forms.Form):
    vorhaben = forms.ModelMultipleChoiceField(
        label=_("Plans to put to the pre-vote"),
        queryset=Vorhaben.objects.filter(state__in=PREVOTE_STATES).select_related("department"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff of all units vote on which plans should be given priority."),
    )
