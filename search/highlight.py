"""Highlighted titles and excerpts, computed only for the hits shown.

A word is marked when its lexeme (``search.analysis``: stemmed, then
folded) contains one of the lexemes the search matched: ``radweg`` marks
"Radwegen" and "Fahrradwegenetz", ``gart`` marks "Gärten", ``strass``
marks "Straßen". Short lexemes (under three letters) must match a whole
word. The text is escaped; only the ``<mark>`` tags are added.
"""

import re

from django.utils.html import escape

from search.analysis import lexeme
from search.text import WORD, fold

EXCERPT_WORDS = 36
MIN_CONTAINED_LENGTH = 3


class Highlighter:
    def __init__(self, terms):
        """``terms``: lexemes, or words as typed (they are analysed the same way)."""
        values = set()
        for term in terms:
            if not term:
                continue
            values.add(fold(term.lower()))
            if (value := lexeme(term)) is not None:
                values.add(value)
        values = sorted(values, key=len, reverse=True)
        contained = [re.escape(v) for v in values if len(v) >= MIN_CONTAINED_LENGTH]
        exact = [re.escape(v) for v in values if len(v) < MIN_CONTAINED_LENGTH]
        alternatives = []
        if contained:
            alternatives.append(f"(?:{'|'.join(contained)})")
        if exact:
            alternatives.append(rf"^(?:{'|'.join(exact)})$")
        self.pattern = re.compile("|".join(alternatives)) if alternatives else None
        self._marked: dict[str, bool] = {}

    def _matches(self, word: str) -> bool:
        known = self._marked.get(word)
        if known is None:
            forms = [fold(word.lower())]
            if (value := lexeme(word)) is not None:
                forms.append(value)
            known = any(self.pattern.search(form) for form in forms)
            self._marked[word] = known
        return known

    def _first_match(self, text: str) -> int | None:
        if self.pattern is None:
            return None
        for match in WORD.finditer(text):
            if self._matches(match.group()):
                return match.start()
        return None

    def mark(self, text: str) -> str:
        """All of ``text``, escaped, with matching words marked."""
        if self.pattern is None:
            return escape(text)
        parts = []
        position = 0
        for match in WORD.finditer(text):
            if not self._matches(match.group()):
                continue
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
        parts.append(escape(text[position:]))
        return "".join(parts)

    def excerpt(self, text: str, length: int = EXCERPT_WORDS) -> str:
        """About ``length`` words of ``text`` around its first match, escaped and marked."""
        if not text.strip():
            return ""
        centre = self._first_match(text)
        found = centre is not None
        centre = centre or 0
        before = text[:centre].split()
        words_before = before[-(length // 3) :] if found else []
        after = text[centre:].split()
        words_after = after[: length - len(words_before)]
        prefix = "… " if len(words_before) < len(before) else ""
        suffix = " …" if len(words_after) < len(after) else ""
        return prefix + self.mark(" ".join(words_before + words_after)) + suffix
