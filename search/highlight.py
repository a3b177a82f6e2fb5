"""Highlighted titles and excerpts, computed only for the hits shown.

The text is escaped first; matching words are then wrapped in ``<mark>``.
A word matches when its folded form contains a matched stem (so a stem
also marks inflections and compounds: ``radweg`` marks "Radwegen" and
"Fahrradwegenetz").
"""

from django.utils.html import escape

from search.text import WORD, fold

EXCERPT_WORDS = 36
MIN_CONTAINED_LENGTH = 3


class Highlighter:
    def __init__(self, terms):
        terms = {fold(term) for term in terms if term}
        self.contained = sorted(t for t in terms if len(t) >= MIN_CONTAINED_LENGTH)
        self.exact = {t for t in terms if len(t) < MIN_CONTAINED_LENGTH}

    def matches(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.exact or any(term in folded for term in self.contained)

    def mark(self, text: str) -> str:
        """All of ``text``, escaped, with matches marked."""
        parts = []
        position = 0
        for match in WORD.finditer(text):
            parts.append(escape(text[position : match.start()]))
            word = match.group()
            parts.append(f"<mark>{escape(word)}</mark>" if self.matches(word) else escape(word))
            position = match.end()
        parts.append(escape(text[position:]))
        return "".join(parts)

    def excerpt(self, text: str, length: int = EXCERPT_WORDS) -> str:
        """About ``length`` words of ``text`` around its first match, escaped and marked."""
        matches = list(WORD.finditer(text))
        if not matches:
            return ""
        first = next((i for i, m in enumerate(matches) if self.matches(m.group())), 0)
        start = max(0, first - length // 3)
        end = min(len(matches), start + length)
        start = max(0, end - length)
        snippet = text[matches[start].start() : matches[end - 1].end()]
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(matches) else ""
        return prefix + self.mark(snippet) + suffix
