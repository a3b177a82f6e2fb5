"""Highlighted titles and excerpts, computed only for the hits shown.

A word is marked when its lexeme (``search.analysis``: stemmed, then
folded) contains one of the lexemes the search matched: ``radweg`` marks
"Radwegen" and "Fahrradwegenetz", ``gart`` marks "Gärten", ``strass``
marks "Straßen". Short lexemes (under three letters) must match a whole
word. The text is escaped; only the ``<mark>`` tags are added.

Analysing every word of every excerpt would cost milliseconds a search, so
one regular expression (the lexemes in any spelling: ``gart`` as
"g(a|ä|ae)rt") finds the few candidate words in C first; only those are
analysed.
"""

import re

from django.utils.html import escape

from search.analysis import lexeme
from search.text import fold

EXCERPT_WORDS = 36
MIN_CONTAINED_LENGTH = 3
# How a folded stem's letters may be written in the text.
WRITTEN = {
    "a": "(?:a|ä|ae|à|á|â)",
    "o": "(?:o|ö|oe|ó|ô)",
    "u": "(?:u|ü|ue|ú|û)",
    "e": "(?:e|é|è|ê|ë)",
    "i": "(?:i|í|ì|î|ï)",
    "c": "(?:c|ç)",
    "n": "(?:n|ñ)",
}


def written(value: str) -> str:
    """A regular expression for a folded lexeme however it was written (ss also ß)."""
    parts = []
    position = 0
    while position < len(value):
        if value.startswith("ss", position):
            parts.append("(?:ss|ß)")
            position += 2
            continue
        char = value[position]
        parts.append(WRITTEN.get(char, re.escape(char)))
        position += 1
    return "".join(parts)


def is_letter(char: str) -> bool:
    """A character of a word, as ``search.text.WORD`` reads words."""
    return char.isalnum() and char != "_"


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
        self.candidates = (
            re.compile("|".join(written(v) for v in values), re.IGNORECASE) if values else None
        )
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

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each matching word: candidates found by regex, then analysed."""
        if self.candidates is None:
            return []
        found = []
        end = -1
        for candidate in self.candidates.finditer(text):
            if candidate.start() < end:
                continue
            start, end = candidate.start(), candidate.end()
            while start > 0 and is_letter(text[start - 1]):
                start -= 1
            while end < len(text) and is_letter(text[end]):
                end += 1
            if self._matches(text[start:end]):
                found.append((start, end))
        return found

    def _first_match(self, text: str) -> int | None:
        found = self.spans(text)
        return found[0][0] if found else None

    def mark(self, text: str) -> str:
        """All of ``text``, escaped, with matching words marked."""
        parts = []
        position = 0
        for start, end in self.spans(text):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
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
