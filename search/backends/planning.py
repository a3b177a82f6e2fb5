"""What every backend decides the same way about a query's words.

A query group (a word, or words joined by OR) matches the word's lexeme,
the compounds and derivations that contain it, a prefix while the word is
being typed, an unknown compound's two known parts, and, for a word nobody
wrote, similar words somebody did. How a backend finds those in its
lexicon differs (SQL with trigrams, a Python counter); the rules here do
not, so PostgreSQL and the simple backend answer alike.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from search.analysis import lexeme, quote_lexeme

EXPANSIONS_PER_TERM = 12
MIN_EXPANSION_LENGTH = 4
# A three-letter word matches compounds it ends ("Bus" in "Schulbus", "Amt"
# in "Bürgeramt"), not those it merely occurs in.
MIN_HEAD_LENGTH = 3
# A derivation base is matched inside compounds only from this length on
# ("sanier" in "fassadensanierung"; "sani" alone, never inside "sanitaer").
MIN_BASE_CONTAINED_LENGTH = 5
MIN_PREFIX_LENGTH = 4
TYPO_CANDIDATES = 30
TYPO_VARIANTS = 3
# A known word this rare next to a similar word this many times more common
# is offered a "Meinten Sie ...?" (the results stay those of the word typed).
RARE_WORD_DOCUMENTS = 1
MORE_COMMON_FACTOR = 20
# A query group in more documents than this does not on its own make a
# partial match (and is ranked without ts_rank on PostgreSQL).
COMMON_WORD_DOCUMENTS = 5_000


@dataclass
class Group:
    """One group of the query: its words (as typed) and what they match."""

    words: list[str]
    stems: list[str] = field(default_factory=list)
    known: dict[str, int] = field(default_factory=dict)  # stem -> documents
    expansions: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)  # word -> lexeme
    # An unknown compound read as two known words (liebknechtstrasse: liebknecht & strass).
    parts: list[tuple[str, str]] = field(default_factory=list)
    # Documents the group matches at most (lexicon counts); None when unknown.
    documents: int | None = None

    @classmethod
    def of(cls, words: list[str]) -> "Group | None":
        """The group for ``words``; None when they are all stop words."""
        stems = list(dict.fromkeys(value for word in words if (value := lexeme(word))))
        return cls(words=words, stems=stems) if stems else None

    def expand(self, values: list[str]) -> None:
        """Adds compounds or derivations, up to EXPANSIONS_PER_TERM."""
        for value in values:
            if len(self.expansions) >= EXPANSIONS_PER_TERM:
                return
            if value not in self.stems and value not in self.expansions:
                self.expansions.append(value)

    @property
    def operands(self) -> list[str]:
        """The group as tsquery operands (PostgreSQL)."""
        operands = [quote_lexeme(stem) for stem in self.stems]
        operands += [quote_lexeme(prefix) + ":*" for prefix in self.prefixes]
        operands += [quote_lexeme(value) for value in self.expansions]
        operands += [quote_lexeme(value) for value in self.corrections.values()]
        operands += [
            f"({quote_lexeme(left)} & {quote_lexeme(right)})" for left, right in self.parts
        ]
        return list(dict.fromkeys(operands))

    @property
    def tsquery(self) -> str:
        return "(" + " | ".join(self.operands) + ")"

    @property
    def weight(self) -> float:
        """Rarer words weigh more when partial matches are ranked."""
        return round(1 + 8 / math.log(3 + (self.documents or 0)), 3)

    @property
    def highlight_terms(self) -> list[str]:
        terms = self.stems + self.prefixes + self.expansions + list(self.corrections.values())
        return terms + [part for pair in self.parts for part in pair]


def add_corrections(
    groups: list[Group],
    known_parts: Callable[[str], tuple[str, str] | None],
    similar: Callable[[str, int], list[str]],
) -> dict[str, str]:
    """Corrects the words nobody wrote; returns suggestions for very rare known words.

    A word in no text (nor inside one, nor a prefix of one) is first read as
    a compound of two known words (``known_parts``), else corrected to the
    most similar known words (``similar(stem, minimum documents)``, visible
    ones only), which join its group; the first is the correction shown. A
    known word is never replaced: when it is in RARE_WORD_DOCUMENTS texts and
    a similar word in MORE_COMMON_FACTOR times as many, that word is only
    suggested (word typed -> lexeme).
    """
    suggestions = {}
    for group in groups:
        for word in group.words:
            stem = lexeme(word)
            if stem is None or len(stem) < MIN_EXPANSION_LENGTH:
                continue
            count = group.known.get(stem)
            unknown = count is None and not group.expansions and not group.prefixes
            if not unknown and (count is None or count > RARE_WORD_DOCUMENTS):
                continue
            if unknown and (parts := known_parts(word)):
                group.parts.append(parts)
                continue
            candidates = similar(stem, (count or 0) * MORE_COMMON_FACTOR)
            if not candidates:
                continue
            if unknown:
                group.corrections[word] = candidates[0]
                group.documents = None
                group.expansions += [c for c in candidates[1:] if c not in group.expansions]
            else:
                suggestions[word] = candidates[0]
    return suggestions


def needed_groups(count: int) -> int:
    """Groups a partial match must have: at least half of them."""
    return math.ceil(count / 2)
