"""The public forms of an idea collection: the listing's filters and the proposal form.

Both work without JavaScript; errors are German sentences next to their
field and in the error summary. The form checks what a form can; the
service (``proposals.services``) checks again and has the last word.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from proposals.listing import Sort
from proposals.models import DESCRIPTION_MAX, TITLE_MAX, Proposal, ProposalState

IGNORED = _("This filter value does not exist and was ignored.")


def _related(field: str):
    """pages' Topic and District, without importing pages (the import contracts)."""
    return Proposal._meta.get_field(field).related_model


class SlugChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": IGNORED}

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ProposalFilterForm(forms.Form):
    kategorie = SlugChoiceField(
        _related("category").objects.none(),
        label=_("Category"),
        empty_label=_("All categories"),
    )
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *ProposalState.choices],
        error_messages={"invalid_choice": IGNORED},
    )
    bezirk = SlugChoiceField(
        _related("district").objects.all(), label=_("District"), empty_label=_("All districts")
    )
    sortierung = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            (Sort.RANDOM, _("Random (fair to every proposal)")),
            (Sort.NEWEST, _("Newest first")),
            (Sort.SUPPORTED, _("Most supported first")),
            (Sort.DISCUSSED, _("Most discussed first")),
        ],
        error_messages={"invalid_choice": IGNORED},
    )

    def __init__(self, data=None, *, collection, **kwargs):
        if data is not None:
            data = {key: data.get(key) for key in self.base_fields if key in data}
        super().__init__(data or None, **kwargs)
        self.fields["kategorie"].queryset = collection.topics.all()
        if not collection.topics.exists():
            del self.fields["kategorie"]

    def values(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    def filter(self, proposals):
        values = self.values()
        if "kategorie" in values:
            proposals = proposals.filter(category=values["kategorie"])
        if "status" in values:
            proposals = proposals.filter(state=values["status"])
        if "bezirk" in values:
            proposals = proposals.filter(district=values["bezirk"])
        return proposals

    def sort(self) -> str:
        return self.values().get("sortierung") or Sort.DEFAULT


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("Your idea in one sentence."),
        error_messages={
            "required": _("Please give your proposal a title."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What should be done, where, and why? Blank lines separate paragraphs; "
            "web addresses become links."
        ),
        error_messages={
            "required": _("Please describe your proposal."),
            "max_length": _("Please use at most %(limit_value)d characters."),
        },
    )
    category = forms.ModelChoiceField(
        _related("category").objects.none(),
        label=_("Category"),
        empty_label=_("Please choose"),
        error_messages={
            "required": _("Please choose a category."),
            "invalid_choice": _("Please choose a category from the list."),
        },
    )
    district = forms.ModelChoiceField(
        _related("district").objects.all(),
        label=_("District (optional)"),
        required=False,
        empty_label=_("Whole city / not tied to a district"),
        error_messages={"invalid_choice": _("Please choose a district from the list.")},
    )

    def __init__(self, *args, collection, **kwargs):
        super().__init__(*args, **kwargs)
        topics = collection.topics.all()
        if topics.exists():
            self.fields["category"].queryset = topics
        else:
            del self.fields["category"]

    def add_refusal(self, refusal) -> None:
        """A service's refusal next to the fields it names (or above the form)."""
        if not refusal.errors:
            self.add_error(None, refusal.detail)
        for error in refusal.errors:
            field = error.get("field")
            self.add_error(field if field in self.fields else None, error["message"])
