"""A parsed query as sets of lexemes, planned with the lexicon of what the viewer may see.

The same plan as PostgreSQL's (rules in ``search.backends.planning``), over a
lexicon counted in Python: each group matches its words' lexemes, the
compounds and derivations that contain them (``radweg`` →
``fahrradwegenetz``, ``saniert`` → ``sanierung``), the lexemes a word being
typed begins (``radw`` → ``radweg``), and for a word nobody wrote, the
similar words somebody did (``winzrela`` → ``winzerla``). A document
matches a group when it has one of the group's lexemes: whole lexemes
only, so "1" never matches "nutzer1".

The lexicon holds only the visible entries' lexemes, so a correction never
reveals a word only others can read.
"""

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from search.analysis import (
    compound_splits,
    derivation_bases,
    lexeme,
    phrase_pattern,
    positioned_lexemes,
    prefix_lexemes,
)
from search.backends.planning import (
    EXPANSIONS_PER_TERM,
    MIN_BASE_CONTAINED_LENGTH,
    MIN_EXPANSION_LENGTH,
    MIN_HEAD_LENGTH,
    MIN_PREFIX_LENGTH,
    TYPO_VARIANTS,
    Group,
    add_corrections,
)
from search.text import ParsedQuery, edit_distance

from .storage import Analysed

# A phrase: (offset from its first lexeme, lexeme), stop words' gaps kept.
Phrase = list[tuple[int, str]]


class Lexicon:
    """Every lexeme of the visible entries with its number of documents."""

    def __init__(self, documents: Iterable[Analysed]):
        self.counts: Counter[str] = Counter()
        for analysed in documents:
            self.counts.update(analysed.positions.keys())

    def containing(self, value: str) -> list[tuple[str, int]]:
        """The value itself if known, then the most frequent lexemes containing it.

        Like PostgreSQL's lexicon query: containment only for values of at
        least MIN_EXPANSION_LENGTH letters, EXPANSIONS_PER_TERM + 1 at most.
        """
        found = [(value, self.counts[value])] if value in self.counts else []
        others = []
        if len(value) >= MIN_EXPANSION_LENGTH:
            others = [(other, n) for other, n in self.counts.items() if value in other]
        elif len(value) == MIN_HEAD_LENGTH:  # "bus" in "schulbus": compounds it ends
            others = [(other, n) for other, n in self.counts.items() if other.endswith(value)]
        if others:
            others.sort(key=lambda item: (-item[1], item[0]))
            found += [item for item in others if item[0] != value]
        return found[: EXPANSIONS_PER_TERM + 1]

    def starting(self, prefixes: Iterable[str]) -> set[str]:
        prefixes = tuple(prefixes)
        if not prefixes:
            return set()
        return {value for value in self.counts if value.startswith(prefixes)}

    def similar(self, stem: str, minimum: int) -> list[str]:
        """Lexemes a typo away (1 edit under 6 letters, else 2), in at least ``minimum`` documents.

        Ordered like PostgreSQL's: most similar (trigrams) first, then most common.
        """
        allowed = 1 if len(stem) < 6 else 2
        candidates = [
            (value, count)
            for value, count in self.counts.items()
            if count >= minimum and value != stem and within_distance(value, stem, allowed)
        ]
        candidates.sort(key=lambda item: (-trigram_similarity(item[0], stem), -item[1], item[0]))
        return [value for value, _count in candidates[:TYPO_VARIANTS]]


def within_distance(a: str, b: str, limit: int) -> bool:
    """``search.text.edit_distance(a, b) <= limit``, with cheap tests first.

    The lengths, and the letter pairs (each edit, a swap included, breaks at
    most 3 of ``a``'s pairs, so ``b`` must keep all but ``3 * limit`` of
    them); then the bounded edit distance.
    """
    if abs(len(a) - len(b)) > limit:
        return False
    pairs = _pairs(a)
    if len(pairs & _pairs(b)) < len(pairs) - 3 * limit:
        return False
    return edit_distance(a, b, limit) <= limit


@lru_cache(maxsize=200_000)
def _pairs(word: str) -> frozenset[str]:
    """The word's pairs of neighbouring letters, its start and end marked."""
    padded = f"\x00{word}\x00"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity() of two single words."""
    first, second = _trigrams(a), _trigrams(b)
    return len(first & second) / len(first | second)


def phrase_of(words: list[str]) -> Phrase | None:
    found, _last = positioned_lexemes(" ".join(words))
    if not found:
        return None
    start = found[0][0]
    return [(position - start, value) for position, value in found]


def phrase_starts(analysed: Analysed, phrase: Phrase) -> list[int]:
    """Where the phrase starts in the document (its lexemes at the right distances)."""
    positions = analysed.positions
    starts = positions.get(phrase[0][1])
    if not starts:
        return []
    rest = []
    for offset, value in phrase[1:]:
        found = positions.get(value)
        if not found:
            return []
        rest.append((offset, set(found)))
    return [start for start in starts if all(start + offset in found for offset, found in rest)]


class Plan:
    """Groups, phrases and exclusions of one search, expanded with the lexicon."""

    def __init__(self, parsed: ParsedQuery, lexicon: Lexicon):
        self.parsed = parsed
        self.lexicon = lexicon
        self.groups: list[Group] = [group for words in parsed.groups if (group := Group.of(words))]
        self.phrases = [p for words in parsed.phrases if (p := phrase_of(words))]
        self.excluded = {value for word in parsed.excluded if (value := lexeme(word))}
        # Phrases with stop words are checked on the text as well (phrase_pattern).
        self.phrase_patterns = [p for words in parsed.phrases if (p := phrase_pattern(words))]
        self.excluded_patterns = [
            p for words in parsed.excluded_phrases if (p := phrase_pattern(words))
        ]
        self.excluded_phrases = [
            p
            for words in parsed.excluded_phrases
            if not phrase_pattern(words) and (p := phrase_of(words))
        ]
        # Known but very rare words and the more common word they may mean.
        self.suggestions: dict[str, str] = {}
        for group in self.groups:
            self._read_lexicon(group)
        self._add_corrections()
        # What a document must contain (one of) to match each group.
        self.group_lexemes = [self._lexemes_of(group) for group in self.groups]

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.phrases)

    def _read_lexicon(self, group: Group) -> None:
        for stem in group.stems:
            matches = self.lexicon.containing(stem)
            if stem in self.lexicon.counts:
                group.known[stem] = self.lexicon.counts[stem]
            group.expand([found for found, _n in matches if found != stem])
            group.documents = (group.documents or 0) + sum(n for _found, n in matches)
            for base in derivation_bases(stem):
                if base in self.lexicon.counts:
                    matches = [(base, self.lexicon.counts[base])]
                    if len(base) >= MIN_BASE_CONTAINED_LENGTH:
                        matches = self.lexicon.containing(base)
                    group.expand([found for found, _n in matches])
                    group.documents += sum(n for _found, n in matches)
        if not group.known:
            for word in group.words:
                for value in prefix_lexemes(word):
                    if (
                        len(value) >= MIN_PREFIX_LENGTH
                        and value not in group.prefixes
                        and self.lexicon.starting([value])
                    ):
                        group.prefixes.append(value)
        # A word being typed (a prefix) has no count of its own.
        if group.prefixes and not group.known:
            group.documents = None

    def _add_corrections(self) -> None:
        """Compounds or corrections for words nobody wrote (``planning.add_corrections``)."""
        self.suggestions = add_corrections(self.groups, self._known_parts, self.lexicon.similar)

    def _known_parts(self, word: str) -> tuple[str, str] | None:
        """The first reading of ``word`` as two words the lexicon knows (liebknecht, strass)."""
        return next(
            (pair for pair in compound_splits(word) if set(pair) <= self.lexicon.counts.keys()),
            None,
        )

    def _lexemes_of(self, group: Group) -> frozenset[str]:
        values = set(group.stems) | set(group.expansions) | set(group.corrections.values())
        return frozenset(values | self.lexicon.starting(group.prefixes))

    @property
    def corrections(self) -> dict[str, str]:
        """word typed -> lexeme it was corrected to."""
        return {word: value for group in self.groups for word, value in group.corrections.items()}

    @property
    def highlight_terms(self) -> list[str]:
        terms = [term for group in self.groups for term in group.highlight_terms]
        for phrase in self.phrases:
            terms += [value for _offset, value in phrase]
        return list(dict.fromkeys(terms))

    def excludes(self, analysed: Analysed) -> bool:
        if not analysed.positions.keys().isdisjoint(self.excluded):
            return True
        return any(phrase_starts(analysed, phrase) for phrase in self.excluded_phrases)

    def matched_groups(self, analysed: Analysed) -> list[bool]:
        keys = analysed.positions.keys()
        return [
            not keys.isdisjoint(values) or any(set(pair) <= keys for pair in group.parts)
            for group, values in zip(self.groups, self.group_lexemes, strict=True)
        ]

    def title_matches(self, analysed: Analysed, matched: list[bool]) -> list[bool]:
        """For each group: matched in the title."""
        return [
            found and not analysed.title.isdisjoint(values)
            for found, values in zip(matched, self.group_lexemes, strict=True)
        ]
