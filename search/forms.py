"""The search parameters, validated in one place for the page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.documents import Kind
from search.facets import facets

MAX_QUERY_LENGTH = 200
MAX_PAGE = 100
PAGE_SIZE = 10

UNKNOWN_VALUE = _("This filter value does not exist.")


class IdChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": UNKNOWN_VALUE}

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, required=False, **kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.MultipleChoiceField(
        label=_("Type"),
        choices=Kind.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": UNKNOWN_VALUE},
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": _("Enter a year as a number."),
            "min_value": UNKNOWN_VALUE,
            "max_value": UNKNOWN_VALUE,
        },
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": _("The page number must be a whole number."),
            "min_value": _("The page number must be at least 1."),
            "max_value": _(
                "Only the first %(limit_value)d pages can be shown. Please narrow the search."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Types registered by the apps after this module was imported count too.
        self.fields["kind"].choices = Kind.CHOICES
        # The facets the apps registered (search.facets), between type and year.
        for facet in facets():
            if facet.options is not None:
                self.fields[facet.name] = forms.ChoiceField(
                    label=facet.label,
                    required=False,
                    choices=[("", "—"), *facet.options()],
                    error_messages={"invalid_choice": UNKNOWN_VALUE},
                )
            else:
                self.fields[facet.name] = IdChoiceField(facet.choices(), label=facet.label)
        self.order_fields(["q", "kind", *(facet.name for facet in facets()), "year", "page"])

    def clean_page(self):
        return self.cleaned_data.get("page") or 1
