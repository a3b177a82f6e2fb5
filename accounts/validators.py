"""What a public display name may be.

Names are compared by how they look, not by their code points
(``accounts.skeleton.comparison_key``): "Redaktion" written with a Cyrillic
e, in full-width letters, as superscripts, with a Roman numeral for the M of
"Moderator" or spaced out ("R e d a k t i o n") all read as
"Redaktion". Invisible characters and direction controls are refused, and
a name keeps to one script (TR39's "highly restrictive" level: one script,
or Latin with the Han-based combinations Japanese, Chinese and Korean use).
"""

from __future__ import annotations

import re
import unicodedata

from confusable_homoglyphs.categories import alias as script_of
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.skeleton import BIDI_CONTROLS, comparison_key, is_invisible, without_marks

DISPLAY_NAME_PATTERN = re.compile(r"^[\w .\-']+$")
MIN_LETTERS = 3

# Citizens must not pass themselves off as the city's staff: official answers
# are marked by the portal, not by a name. A name is reserved if it contains
# one of these (as it reads, see the module docstring) ...
RESERVED_NAME_PARTS = (
    "admin",
    "moderat",
    "redaktion",
    "stadtverwaltung",
    "verwaltung",
    "offiziell",
    "beteiligungsteam",
    "buergermeister",
    "burgermeister",
    "rathaus",
    "beteiligungsportal",
)
# ... or is one of these as a whole.
RESERVED_NAMES = (
    "stadt",
    "team",
    "support",
    "system",
    "portal",
    "service",
    "kontakt",
    "datenschutz",
)

# Scripts that may share a name besides Common and Inherited (digits, marks).
ALLOWED_SCRIPT_SETS = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
NEUTRAL_SCRIPTS = {"COMMON", "INHERITED"}


def _reserved_keys():
    parts = {without_marks(comparison_key(part)) for part in RESERVED_NAME_PARTS}
    names = {without_marks(comparison_key(name)) for name in RESERVED_NAMES}
    return parts, names


RESERVED_PART_KEYS, RESERVED_NAME_KEYS = _reserved_keys()


def normalize_display_name(value: str) -> str:
    """How a name is stored: composed characters (NFC), no outer spaces."""
    return unicodedata.normalize("NFC", value or "").strip()


def is_reserved(name: str) -> bool:
    key = without_marks(comparison_key(name))
    return key in RESERVED_NAME_KEYS or any(part in key for part in RESERVED_PART_KEYS)


def is_mixed_script(name: str) -> bool:
    scripts = {script_of(char) for char in unicodedata.normalize("NFKC", name)}
    scripts -= NEUTRAL_SCRIPTS
    if len(scripts) <= 1:
        return False
    return not any(scripts <= allowed for allowed in ALLOWED_SCRIPT_SETS)


def validate_display_name(value: str) -> None:
    name = normalize_display_name(value)
    if any(char in BIDI_CONTROLS for char in name):
        raise ValidationError(
            _("A display name must not contain characters that change the writing direction."),
            code="bidi_control",
        )
    if any(is_invisible(char) for char in name):
        raise ValidationError(
            _("A display name must not contain invisible characters."), code="invisible"
        )
    if len(name) < MIN_LETTERS:
        raise ValidationError(_("Use at least 3 characters."), code="too_short")
    if "@" in name:
        raise ValidationError(
            _("A display name must not contain an e-mail address."), code="email_in_name"
        )
    if is_reserved(name):
        raise ValidationError(
            _("This name is reserved for the city's staff. Please choose another one."),
            code="reserved",
        )
    if not DISPLAY_NAME_PATTERN.match(name):
        raise ValidationError(
            _("Use letters, digits, spaces and . - _ ' only."), code="invalid_characters"
        )
    if len(comparison_key(name)) < MIN_LETTERS:
        raise ValidationError(_("Use at least 3 letters or digits."), code="too_few_letters")
    if is_mixed_script(name):
        raise ValidationError(
            _("Please write your display name in one script (for example only Latin letters)."),
            code="mixed_scripts",
        )
