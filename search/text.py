"""German text handling shared by every search backend: folding and the query syntax.

Folding makes spelling variants meet: ``Straße`` and ``Strasse`` both
become ``strasse``. It is applied to *stems* (``search.analysis``), after the
stemmer has seen the umlauts.

Query syntax is deliberately small and can never fail: words, "quoted
phrases", a leading minus to exclude a word or phrase, and OR / NOT typed as
words. Question and filler words ("Wann wird ...?") are left out while other
words remain. Everything else (``&|!():*\\``, SQL or Lucene operators) is
treated as ordinary text.
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


QUESTION_WORDS_FILE = Path(__file__).parent / "data" / "german_question_words.txt"
# How people ask, not what they look for ("wann", "warum", "gibt", "wenige"):
# left out of a query as long as other words remain.
FOLDED_QUESTION_WORDS = frozenset(
    line.strip()
    for line in QUESTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
# Typed as words, these act as operators: "Radweg OR Fußweg", "Spielplatz NOT Lobeda".
OR_WORDS = frozenset({"or", "oder"})
NOT_WORDS = frozenset({"NOT", "NICHT"})
AND_WORDS = frozenset({"and", "und"})


@dataclass
class ParsedQuery:
    """What the visitor asked for, as lower-cased words (not folded: stemming comes first).

    Each of ``groups`` is one word, or words joined by OR: a document
    matching every group matches fully; backends rank partial matches
    after full ones. Each ``phrase`` must match as a sequence, ``excluded``
    words and ``excluded_phrases`` must not occur. ``ignored`` are question
    and filler words left out.
    """

    groups: list[list[str]] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    raw: str = ""

    @property
    def terms(self) -> list[str]:
        """Every word of every group."""
        return [word for group in self.groups for word in group]

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is left to search for."""
        return not (self.groups or self.phrases)

    @property
    def positive_words(self) -> list[str]:
        """Every word that should be highlighted in a hit."""
        return self.terms + [word for phrase in self.phrases for word in phrase]


def _lower_words(text: str) -> list[str]:
    return [word.lower() for word in words(text)]


def parse_query(raw: str) -> ParsedQuery:
    """Words, "phrases", -exclusions, and OR/NOT typed as operators; never fails."""
    parsed = ParsedQuery(raw=raw)
    groups: list[list[str]] = []
    fillers: list[list[str]] = []
    join_next = negate_next = False
    for match in QUERY_TOKEN.finditer(raw):
        phrase_minus, phrase, word_minus, word = match.groups()
        if phrase is not None:
            tokens = _lower_words(phrase)
            excluded = bool(phrase_minus) or negate_next
            negate_next = join_next = False
            if len(tokens) == 1:
                if excluded:
                    parsed.excluded.append(tokens[0])
                else:
                    groups.append([tokens[0]])
            elif tokens:
                target = parsed.excluded_phrases if excluded else parsed.phrases
                target.append(tokens)
            continue
        if word in NOT_WORDS and not word_minus:
            negate_next = True
            continue
        if word.lower() in OR_WORDS and not word_minus:
            join_next = bool(groups)
            continue
        if word.lower() in AND_WORDS and not word_minus:
            continue
        # "-word" excludes; a minus inside or after a word is just a hyphen.
        excluded = bool(word_minus) or negate_next
        negate_next = False
        for token in _lower_words(word):
            folded = fold(token)
            if excluded:
                parsed.excluded.append(token)
            elif folded in FOLDED_STOP_WORDS:
                continue
            elif folded in FOLDED_QUESTION_WORDS:
                fillers.append([token])
            elif join_next and groups:
                groups[-1].append(token)
            else:
                groups.append([token])
            join_next = False
    if not groups and not parsed.phrases:
        groups = fillers  # a question of filler words only ("Wie?"): search them
    else:
        parsed.ignored = [word for group in fillers for word in group]
    parsed.groups = _unique_groups(groups)[:MAX_TERMS]
    parsed.excluded = _unique(parsed.excluded)[:MAX_TERMS]
    parsed.phrases = parsed.phrases[:MAX_TERMS]
    parsed.excluded_phrases = parsed.excluded_phrases[:MAX_TERMS]
    return parsed


def _unique_groups(groups: list[list[str]]) -> list[list[str]]:
    seen: set[str] = set()
    unique = []
    for group in groups:
        group = [word for word in _unique(group) if word not in seen]
        seen.update(group)
        if group:
            unique.append(group)
    return unique


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance where swapping two neighbouring letters counts once.

    With ``limit``, gives up as soon as the distance must exceed it (and
    returns ``limit + 1``): once two consecutive rows exceed the limit,
    every later row does too.
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
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
        if limit is not None and min(current) > limit and min(previous) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]
