"""The proposal form's upload fields: three image slots with their descriptions, a PDF.

Only offered when the collection allows them. The files are checked by the
service (``proposals.uploads``); the form only says what it can see at
once (a description is missing). Browsers forget chosen files when a form
comes back with errors, which the help text says.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proposals.images import ACCEPT, megabytes
from proposals.models import ALT_TEXT_MAX, IMAGES_PER_PROPOSAL

IMAGE_SLOTS = range(1, IMAGES_PER_PROPOSAL + 1)
MEDIA_FIELDS = {
    *(f"image_{slot}" for slot in IMAGE_SLOTS),
    *(f"alt_{slot}" for slot in IMAGE_SLOTS),
    "remove_images",
    "attachment",
    "remove_attachment",
}
ALT_REQUIRED = gettext_lazy("Please describe the image for people who cannot see it.")


def image_fields(existing_images) -> dict:
    fields = {}
    for slot in IMAGE_SLOTS:
        fields[f"image_{slot}"] = forms.FileField(
            label=_("Image %(number)d (optional)") % {"number": slot},
            required=False,
            widget=forms.FileInput(attrs={"accept": ACCEPT}),
            help_text=_(
                "JPEG, PNG or WebP, at most %(limit)s MB. We remove location and camera data "
                "from the file. After an error, please choose the file again."
            )
            % {"limit": megabytes(settings.PROPOSALS_IMAGE_MAX_BYTES)},
        )
        fields[f"alt_{slot}"] = forms.CharField(
            label=_("Description of image %(number)d") % {"number": slot},
            required=False,
            max_length=ALT_TEXT_MAX,
            help_text=_("What can be seen? Read out to people who cannot see the image."),
            error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
        )
    if existing_images:
        fields["remove_images"] = forms.TypedMultipleChoiceField(
            label=_("Remove images"),
            required=False,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            choices=[(image.pk, image.alt_text) for image in existing_images],
        )
    return fields


def attachment_fields(existing_attachment) -> dict:
    fields = {
        "attachment": forms.FileField(
            label=_("Attachment (optional)"),
            required=False,
            widget=forms.FileInput(attrs={"accept": "application/pdf"}),
            help_text=_(
                "A PDF file, at most %(limit)s MB, for example a sketch or a plan. "
                "A new file replaces the previous one."
            )
            % {"limit": megabytes(settings.PROPOSALS_ATTACHMENT_MAX_BYTES)},
        )
    }
    if existing_attachment:
        fields["remove_attachment"] = forms.BooleanField(
            label=_("Remove the attachment"), required=False
        )
    return fields
