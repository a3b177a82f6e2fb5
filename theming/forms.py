"""The theme's settings form: every entered colour is checked against its uses (WCAG 2.1)."""

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.admin.forms import WagtailAdminModelForm

from theming import colours

FIELDS = {"primary_colour": "primary", "secondary_colour": "secondary"}

# The uses named in theming.colours (kept free of Django), marked for the catalogue.
WHERE = (
    gettext_noop("links on the page background"),
    gettext_noop("links in boxes and the footer"),
    gettext_noop("text on the primary colour (header, buttons)"),
    gettext_noop("text on the hover colour of buttons"),
    gettext_noop("links on hover"),
    gettext_noop("focus highlight in the header"),
    gettext_noop("accent line on the page background"),
    gettext_noop("accent line on boxes and the footer"),
    gettext_noop("text on the secondary colour"),
)


def _number(value: float) -> str:
    return number_format(value, 2)


def contrast_message(role: str, colour: str) -> str | None:
    """The German reason a colour is refused, or None if every use passes."""
    found = colours.failures(role, colour)
    if not found:
        return None
    parts = [
        _("%(where)s: contrast %(ratio)s:1, required %(minimum)s:1")
        % {
            "where": _(failure.where),
            "ratio": _number(failure.ratio),
            "minimum": _number(failure.minimum),
        }
        for failure in found
    ]
    message = _("The colour %(colour)s does not contrast enough: %(uses)s.") % {
        "colour": colour,
        "uses": "; ".join(parts),
    }
    proposal = colours.suggestion(role, colour)
    if proposal:
        message += " " + _("Suggestion: %(colour)s passes every use.") % {"colour": proposal}
    return message


class ThemeSettingsForm(WagtailAdminModelForm):
    def _clean_colour(self, field: str) -> str:
        value = colours.normalise(self.cleaned_data.get(field, ""))
        if colours.is_hex(value):
            message = contrast_message(FIELDS[field], value)
            if message:
                raise ValidationError(message, code="contrast")
        return value

    def clean_icon(self):
        icon = self.cleaned_data.get("icon")
        if icon is not None and icon.is_svg():
            raise ValidationError(
                _("Choose a PNG or JPEG image for the app icon: phones need a raster image."),
                code="svg_icon",
            )
        return icon

    def clean_primary_colour(self):
        return self._clean_colour("primary_colour")

    def clean_secondary_colour(self):
        return self._clean_colour("secondary_colour")
