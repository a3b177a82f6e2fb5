"""When two display names look alike: a comparison key built on the Unicode TR39 skeleton.

TR39 (Unicode Security Mechanisms, section 4) defines ``skeleton(X)``: NFD,
drop default-ignorable code points, replace every character by its
prototype from ``confusables.txt``, NFD again. Two strings are confusable
when their skeletons are equal. Python's standard library has no skeleton,
and the maintained Python packages that carry the Unicode data do not offer
one either (``confusable-homoglyphs`` answers "is this character
confusable?" and "is this mixed-script?"), so the skeleton is built here from
``confusable-homoglyphs``' copy of ``confusables.txt``.

That copy stores each line ``source → prototype`` in both directions. The
direction comes back from the shape of the data: a source has exactly one
entry (its prototype); a prototype lists all its sources; multi-character
entries (``rn``) are always prototypes. For the few pairs where both sides
have one entry, either side may be the prototype: both map to the smaller
one, which keeps "same skeleton" an equivalence.

Before the skeleton, names are folded the way people read them: NFKC (full
width, superscripts, Roman numerals, mathematical letters), small capitals
to their letters (TR39 has no mapping for most of them) and case folding.
Separators and punctuation are dropped, so "R e d a k t i o n" and
"R.e.d.a.k.t.i.o.n" read as "Redaktion".
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt): invisible in
# display, so they can be slipped into a name without being seen.
DEFAULT_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)

# Explicit directional formatting characters: they reorder what a reader
# sees (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, the
# marks LRM, RLM and ALM).
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)

SMALL_CAPITAL_NAME = re.compile(r"^LATIN LETTER SMALL CAPITAL ([A-Z])$")


def is_default_ignorable(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in DEFAULT_IGNORABLE_RANGES)


def is_invisible(char: str) -> bool:
    """Characters a reader cannot see: default ignorables, format controls, odd spaces."""
    if char == " ":
        return False
    category = unicodedata.category(char)
    return is_default_ignorable(char) or category in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp", "Zs")


@cache
def _prototypes() -> dict[str, str]:
    data = confusables_data
    table = {}
    for char, entries in data.items():
        if len(char) != 1 or len(entries) != 1:
            continue  # a prototype of several sources (or a multi-character prototype)
        other = entries[0]["c"]
        if len(other) > 1 or len(data.get(other, ())) > 1:
            table[char] = other
        else:
            # A pair of one source and one prototype: the data does not say which is which.
            table[char] = min(char, other)
    return table


def skeleton(text: str) -> str:
    """The TR39 skeleton of ``text``."""
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(
        prototypes.get(char, char) for char in decomposed if not is_default_ignorable(char)
    )
    return unicodedata.normalize("NFD", mapped)


def _small_capital(char: str) -> str:
    match = SMALL_CAPITAL_NAME.match(unicodedata.name(char, ""))
    return match[1].lower() if match else char


def fold(text: str) -> str:
    """How a name reads: compatibility forms, small capitals and case folded away."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(_small_capital(char) for char in folded)
    return unicodedata.normalize("NFKC", folded.casefold())


def comparison_key(name: str) -> str:
    """Equal for names that look alike; stored (unique) with every display name.

    The skeleton is taken twice, around a second case folding, because
    some prototypes are capitals.
    """
    key = skeleton(fold(name))
    key = skeleton(key.casefold())
    return "".join(char for char in key if unicodedata.category(char)[0] not in "PZC")


def without_marks(key: str) -> str:
    """The key without accents: for the stricter test against reserved names."""
    return "".join(char for char in key if unicodedata.category(char) != "Mn")
