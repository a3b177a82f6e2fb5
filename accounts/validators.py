import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DISPLAY_NAME_PATTERN = re.compile(r"^[\w .\-']+$")

# Citizens must not pass themselves off as the city's staff: official answers
# are marked by the portal, not by a name.
RESERVED_NAME_PARTS = ("admin", "moderat", "redaktion", "stadtverwaltung", "offiziell")


def validate_display_name(value: str) -> None:
    name = value.strip()
    if len(name) < 3:
        raise ValidationError(_("Use at least 3 characters."), code="too_short")
    if "@" in name:
        raise ValidationError(
            _("A display name must not contain an e-mail address."), code="email_in_name"
        )
    if not DISPLAY_NAME_PATTERN.match(name):
        raise ValidationError(
            _("Use letters, digits, spaces and . - _ ' only."), code="invalid_characters"
        )
    lowered = name.casefold()
    if any(part in lowered for part in RESERVED_NAME_PARTS):
        raise ValidationError(
            _("This name is reserved for the city's staff. Please choose another one."),
            code="reserved",
        )
