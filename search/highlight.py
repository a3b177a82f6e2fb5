"""Highlighted titles and excerpts, computed only for the hits shown.

A word matches when, folded, it contains a matched stem (so ``radweg``
marks "Radwegen" and "Fahrradwegenetz"; ``strasse`` marks "Straßen").
The stems are turned into one regular expression over the *original*
text (``ss`` also matches ``ß``, ``ae`` also ``ä``, ...), so finding and
marking run in C, not word by word in Python. The text is escaped; only
the ``<mark>`` tags are added.
"""

import re

from django.utils.html import escape

from search.text import fold

EXCERPT_WORDS = 36
MIN_CONTAINED_LENGTH = 3
# Letters a folded stem stands for in the original text.
UNFOLD = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)"}
UNFOLD_PATTERN = re.compile("|".join(UNFOLD))
WORD = r"[^\W_]"


def original_spellings(stem: str) -> str:
    """A regex matching ``stem`` however it was spelt (Strasse, Straße)."""
    parts = []
    position = 0
    for match in UNFOLD_PATTERN.finditer(stem):
        parts.append(re.escape(stem[position : match.start()]))
        parts.append(UNFOLD[match.group()])
        position = match.end()
    parts.append(re.escape(stem[position:]))
    return "".join(parts)


class Highlighter:
    def __init__(self, terms):
        terms = sorted({fold(term) for term in terms if term}, key=len, reverse=True)
        contained = [original_spellings(t) for t in terms if len(t) >= MIN_CONTAINED_LENGTH]
        exact = [original_spellings(t) for t in terms if len(t) < MIN_CONTAINED_LENGTH]
        alternatives = []
        if contained:
            # A whole word containing one of the stems.
            alternatives.append(f"{WORD}*(?:{'|'.join(contained)}){WORD}*")
        if exact:
            alternatives.append(rf"(?<!{WORD})(?:{'|'.join(exact)})(?!{WORD})")
        self.pattern = (
            re.compile("|".join(alternatives), re.IGNORECASE | re.UNICODE) if alternatives else None
        )

    def mark(self, text: str) -> str:
        """All of ``text``, escaped, with matching words marked."""
        if self.pattern is None:
            return escape(text)
        parts = []
        position = 0
        for match in self.pattern.finditer(text):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
        parts.append(escape(text[position:]))
        return "".join(parts)

    def excerpt(self, text: str, length: int = EXCERPT_WORDS) -> str:
        """About ``length`` words of ``text`` around its first match, escaped and marked."""
        if not text.strip():
            return ""
        match = self.pattern.search(text) if self.pattern else None
        centre = match.start() if match else 0
        before = text[:centre].split()
        words_before = before[-(length // 3) :] if match else []
        after = text[centre:].split()
        words_after = after[: length - len(words_before)]
        prefix = "… " if len(words_before) < len(before) else ""
        suffix = " …" if len(words_after) < len(after) else ""
        return prefix + self.mark(" ".join(words_before + words_after)) + suffix
