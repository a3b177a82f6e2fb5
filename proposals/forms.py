"""The public forms of an idea collection: the listing's filters and the proposal form.

Both work without JavaScript; errors are German sentences next to their
field and in the error summary. The form checks what a form can; the
service (``proposals.services``) checks again and has the last word.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import ReportReason
from proposals.form_media import (
    ALT_REQUIRED,
    IMAGE_SLOTS,
    MEDIA_FIELDS,
    attachment_fields,
    image_fields,
)
from proposals.listing import Sort
from proposals.models import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    TITLE_MAX,
    LocationMode,
    Proposal,
    ProposalState,
)
from proposals.uploads import NewImage

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
    address = forms.CharField(
        label=_("Address or place (optional)"),
        max_length=ADDRESS_MAX,
        required=False,
        help_text=_("A street and house number, a crossing or a well-known place."),
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )
    # Filled in by the map (static/js/proposals-map.js), or typed: the map is never the only way.
    latitude = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("In degrees, e.g. 50.9271."),
        error_messages={"invalid": _("Please enter a number, e.g. 50.9271.")},
    )
    longitude = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("In degrees, e.g. 11.5892."),
        error_messages={"invalid": _("Please enter a number, e.g. 11.5892.")},
    )
    PLACE_FIELDS = ("address", "latitude", "longitude")

    def __init__(self, *args, collection, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = collection.topics.all()
        if topics.exists():
            self.fields["category"].queryset = topics
        else:
            del self.fields["category"]
        self.existing_images = list(proposal.images.all()) if proposal is not None else []
        self.existing_attachment = proposal.attachment if proposal is not None else None
        if collection.images_allowed:
            self.fields.update(image_fields(self.existing_images))
        if collection.attachments_allowed:
            self.fields.update(attachment_fields(self.existing_attachment))
        self.location_mode = collection.location_mode
        if self.location_mode == LocationMode.OFF:
            for name in self.PLACE_FIELDS:
                del self.fields[name]
        elif self.location_mode == LocationMode.REQUIRED:
            self.fields["district"].label = _("District")
            self.fields["address"].label = _("Address or place")
            self.fields["latitude"].label = _("Latitude")
            self.fields["longitude"].label = _("Longitude")

    def text_fields(self):
        return [field for field in self if field.name not in MEDIA_FIELDS]

    def image_slots(self):
        if "image_1" not in self.fields:
            return []
        return [(self[f"image_{slot}"], self[f"alt_{slot}"]) for slot in IMAGE_SLOTS]

    def clean(self):
        data = super().clean()
        for slot in IMAGE_SLOTS:
            if data.get(f"image_{slot}") and not (data.get(f"alt_{slot}") or "").strip():
                self.add_error(f"alt_{slot}", ALT_REQUIRED)
        return data

    def media_values(self, *, editing: bool) -> dict:
        """The uploads for the service: the image slots (None: empty) and, editing, removals."""
        data = self.cleaned_data
        values = {}
        if "image_1" in self.fields:
            values["images"] = [
                NewImage(data[f"image_{slot}"], data.get(f"alt_{slot}", ""))
                if data.get(f"image_{slot}")
                else None
                for slot in IMAGE_SLOTS
            ]
            if editing:
                values["remove_images"] = data.get("remove_images") or []
        if "attachment" in self.fields:
            values["attachment"] = data.get("attachment") or None
            if editing:
                values["remove_attachment"] = bool(data.get("remove_attachment"))
        return values

    @property
    def place_field_names(self) -> tuple:
        """The fields grouped as "the place" (with the map picker); none without location."""
        return () if self.location_mode == LocationMode.OFF else ("district", *self.PLACE_FIELDS)

    def place_values(self) -> dict:
        """The location's values for the service (none when the collection takes no location)."""
        return {
            name: self.cleaned_data.get(name) for name in self.PLACE_FIELDS if name in self.fields
        }

    def add_refusal(self, refusal) -> None:
        """A service's refusal next to the fields it names (or above the form)."""
        if not refusal.errors:
            self.add_error(None, refusal.detail)
        for error in refusal.errors:
            field = error.get("field")
            self.add_error(field if field in self.fields else None, error["message"])


class ProposalReportForm(forms.Form):
    """A citizen asks the moderation to look at a proposal (the comments' reasons)."""

    reason = forms.ChoiceField(
        label=_("Why should the moderation look at this proposal?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a reason.")},
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )

    def add_refusal(self, refusal) -> None:
        for error in getattr(refusal, "errors", None) or [{"field": None}]:
            field = error.get("field")
            self.add_error(
                field if field in self.fields else None, error.get("message") or refusal.detail
            )
