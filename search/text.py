"""German text handling shared by every search backend.

Folding makes spelling variants meet: ``Straße`` and ``Strasse``,
``Bürgerbeteiligung`` and ``Buergerbeteiligung`` all become ``strasse`` and
``buergerbeteiligung``. Documents and queries are folded the same way before
any backend stems them, so stems agree (the ``german`` stemmer would
otherwise turn ``Bürger`` into ``burg`` but ``Buerger`` into ``buerg``).

Query syntax is deliberately small and can never fail: words, "quoted
phrases", and a leading minus to exclude a word or phrase. Everything else
(``&|!():*\\``, SQL or Lucene operators) is treated as ordinary text.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

STOP_WORDS_FILE = Path(__file__).parent / "data" / "german_stop_words.txt"

# Words too common to narrow a search ("und", "der", "für"). Queries drop
# them here, the same for every backend, so a query of only stop words is
# empty everywhere. Phrases keep them: "Platz für Kinder" stays a phrase.
FOLDED_STOP_WORDS = frozenset(
    line.strip()
    for line in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

WORD = re.compile(r"[^\W_]+", re.UNICODE)
QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')

MAX_TERMS = 12


COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case, German umlauts and ß spelt out, other accents dropped."""
    # Chained replace() runs in C; str.translate with multi-letter targets is
    # ten times slower, and a million documents go through here.
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    if text.isascii():
        return text
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """The words of ``text`` in order; "Fahrrad-Weg" gives two words, like PostgreSQL's parser."""
    return WORD.findall(text)


def folded_words(text: str) -> list[str]:
    return [fold(word) for word in words(text)]


@dataclass
class ParsedQuery:
    """What the visitor asked for, as folded words.

    ``terms`` must all match (in any form), each ``phrase`` must match as a
    sequence, ``excluded`` words and ``excluded_phrases`` must not occur.
    """

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is left to search for."""
        return not (self.terms or self.phrases)

    @property
    def positive_words(self) -> list[str]:
        """Every word that should be highlighted in a hit."""
        return self.terms + [word for phrase in self.phrases for word in phrase]


def parse_query(raw: str) -> ParsedQuery:
    parsed = ParsedQuery()
    for match in QUERY_TOKEN.finditer(raw):
        phrase_minus, phrase, word_minus, word = match.groups()
        if phrase is not None:
            tokens = folded_words(phrase)
            if len(tokens) == 1:
                target = parsed.excluded if phrase_minus else parsed.terms
                target.extend(tokens)
            elif tokens:
                target = parsed.excluded_phrases if phrase_minus else parsed.phrases
                target.append(tokens)
            continue
        tokens = folded_words(word)
        # "-word" excludes; a minus inside or after a word is just a hyphen.
        target = parsed.excluded if word_minus else parsed.terms
        target.extend(token for token in tokens if token not in FOLDED_STOP_WORDS)
    parsed.terms = _unique(parsed.terms)[:MAX_TERMS]
    parsed.excluded = _unique(parsed.excluded)[:MAX_TERMS]
    parsed.phrases = parsed.phrases[:MAX_TERMS]
    parsed.excluded_phrases = parsed.excluded_phrases[:MAX_TERMS]
    return parsed


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where swapping two neighbouring letters counts once."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous_previous[j - 2] + 1)
            current.append(value)
        previous_previous, previous = previous, current
    return previous[-1]
