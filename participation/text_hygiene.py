"""Free text from citizens, cleaned the same way wherever it comes in.

Comments, replies and edits, report details, the moderation's public
removal reasons and free-text poll answers all pass through ``clean_text``
(a later refactor moves this module into the participation kernel). It
keeps what real writing needs and drops what only serves to deceive:

- Unicode NFC, line breaks as ``\\n``, outer whitespace trimmed.
- Removed: control characters other than tab and line break; the
  bidirectional embeddings, overrides and isolates (U+202A to U+202E,
  U+2066 to U+2069, U+061C), which can make text read differently from how it
  is stored ("Trojan Source"); the zero-width and invisible format
  characters (U+200B to U+200F, U+2060 to U+2064, U+FEFF, U+180E, U+034F) and the
  Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), which render as nothing
  and so hide text or fake an empty one.
- Kept: the zero-width joiner and non-joiner where writing needs them:
  ZWJ between emoji (👩‍💻, ❤️‍🔥 are one picture each), ZWJ and ZWNJ between
  letters of the scripts that shape with them (Arabic and Persian, the
  Indic scripts, …). Elsewhere they are invisible and removed.
- Refused: a NUL character (no client sends one by accident, and the
  database cannot store it), and more than ``MAX_COMBINING_MARKS``
  combining marks on one character ("Zalgo" text that spills over the
  lines around it; real scripts need up to about four).

Whether anything visible remains is the caller's question (``is_blank``):
a comment of invisible characters only is an empty comment.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_COMBINING_MARKS = 5

NUL = "\x00"
# C0 and C1 controls except tab and line feed (carriage returns become line feeds first).
CONTROLS = "\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u061c"
INVISIBLE = "\u200b\u200e\u200f\u2060-\u2064\ufeff\u180e\u034f\u115f\u1160\u3164\uffa0"
ZWNJ, ZWJ = "\u200c", "\u200d"
REMOVED = re.compile(f"[{CONTROLS}{BIDI_CONTROLS}{INVISIBLE}]")
JOINER = re.compile(f"[{ZWNJ}{ZWJ}]")
MARK_CATEGORIES = {"Mn", "Me", "Mc"}
VISIBLE_CATEGORIES = ("L", "N", "P", "S")
# Scripts whose letters take ZWJ/ZWNJ to choose their joined or separate forms.
JOINING_SCRIPTS = {
    "ARABIC",
    "SYRIAC",
    "NKO",
    "MONGOLIAN",
    "DEVANAGARI",
    "BENGALI",
    "GURMUKHI",
    "GUJARATI",
    "ORIYA",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "SINHALA",
    "KHMER",
    "MYANMAR",
}
EMOJI_VARIATION = "\ufe0f"


class TextRefused(ValueError):
    """The text cannot be taken as it is; ``message`` says why, for the field it came in."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def is_emoji(character: str) -> bool:
    code = ord(character)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or character == EMOJI_VARIATION
    )


def script(character: str) -> str:
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0]


def letter_before(text: str, index: int) -> str:
    """The base character before ``index``, skipping the marks on it."""
    while index > 0 and unicodedata.category(text[index - 1]) in MARK_CATEGORIES:
        index -= 1
    return text[index - 1] if index > 0 else ""


def joiner_needed(text: str, index: int) -> bool:
    before = letter_before(text, index)
    after = text[index + 1] if index + 1 < len(text) else ""
    if not before or not after:
        return False
    if text[index] == ZWJ and is_emoji(text[index - 1]) and is_emoji(after):
        return True
    return script(before) in JOINING_SCRIPTS and script(after) in JOINING_SCRIPTS


def drop_stray_joiners(text: str) -> str:
    if ZWJ not in text and ZWNJ not in text:
        return text
    return "".join(
        character
        for index, character in enumerate(text)
        if character not in (ZWJ, ZWNJ) or joiner_needed(text, index)
    )


def longest_mark_run(text: str) -> int:
    longest = run = 0
    for character in text:
        run = run + 1 if unicodedata.category(character) in MARK_CATEGORIES else 0
        longest = max(longest, run)
    return longest


def clean_text(value: str) -> str:
    """The text as the citizen meant it; raises TextRefused for what cannot be taken."""
    if NUL in value:
        raise TextRefused(
            _("The text contains a null character (U+0000), which cannot be stored."),
            code="text_null_character",
        )
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = drop_stray_joiners(REMOVED.sub("", text)).strip()
    if longest_mark_run(text) > MAX_COMBINING_MARKS:
        raise TextRefused(
            ngettext(
                "Please use at most %(count)d accent or other mark on one character.",
                "Please use at most %(count)d accents or other marks on one character.",
                MAX_COMBINING_MARKS,
            )
            % {"count": MAX_COMBINING_MARKS},
            code="text_too_many_marks",
        )
    return text


def is_blank(text: str) -> bool:
    """Whether nothing visible is left: no letter, digit, punctuation or symbol."""
    return not any(unicodedata.category(character)[0] in VISIBLE_CATEGORIES for character in text)
