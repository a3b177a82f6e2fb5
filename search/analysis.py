"""German analysis shared by every backend: from words to lexemes.

A word's lexeme is the Snowball German stem of the lower-cased word as it was
written, *then* folded (ß→ss, accents dropped). Stemming first lets the
stemmer undo umlaut plurals: *Städte*, *Gärten*, *Höfe*, *Türme* give the
stems of *Stadt*, *Garten*, *Hof*, *Turm*. Snowball 3 also reads the
spellings without umlauts (*Gaerten*, *Buergerbeteiligung*) as umlauts, so
they meet the right stem too. Folding the text before stemming (as this
portal did before) loses that: PostgreSQL's older ``german_stem`` turns
*staedte* into ``staedt``, never ``stadt``.

Every backend indexes and queries these lexemes (PostgreSQL as a tsvector
built here, the simple backend as token lists, Elasticsearch with the same
order in its analyzer: stemmer before ``german_normalization``), so a
document is found by the same words everywhere. Stop words have no lexeme
but keep their position, so a "quoted phrase" keeps its gaps.
"""

import threading
from functools import lru_cache

import snowballstemmer

from search.text import FOLDED_STOP_WORDS, WORD, fold

# tsvector limits: positions up to 16383, at most 256 positions per lexeme.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
MAX_LEXEME_LENGTH = 200

_local = threading.local()


def _stemmer():
    # PyStemmer's stemmer objects are not thread-safe: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer


@lru_cache(maxsize=500_000)
def lexeme(word: str) -> str | None:
    """The lexeme of one word (any case); None for a stop word."""
    word = word.lower()
    if fold(word) in FOLDED_STOP_WORDS:
        return None
    stem = fold(_stemmer().stemWord(word))
    return stem[:MAX_LEXEME_LENGTH] or None


@lru_cache(maxsize=100_000)
def prefix_lexemes(prefix: str) -> tuple[str, ...]:
    """What a word being typed may begin with, as lexemes: "Bürgerbet" → burgerbet.

    The stem of a prefix can be shorter than the prefix ("Radwe" → radw) and
    the folded prefix keeps what the stemmer would cut; both are tried.
    """
    word = prefix.lower()
    candidates = [fold(_stemmer().stemWord(word)), fold(_plain_vowels(word))]
    return tuple(dict.fromkeys(candidate for candidate in candidates if candidate))


def _plain_vowels(word: str) -> str:
    """Umlauts as the stemmer leaves them in stems (ä→a): a prefix of a stem."""
    return word.replace("ä", "a").replace("ö", "o").replace("ü", "u")


def positioned_lexemes(text: str, start: int = 0) -> tuple[list[tuple[int, str]], int]:
    """(position, lexeme) for the words of ``text``, counting from ``start`` + 1.

    Returns them with the last position used, stop words included.
    """
    found = []
    tokens = WORD.findall(text)
    for position, word in enumerate(tokens, start + 1):
        if (value := lexeme(word)) is not None:
            found.append((position, value))
    return found, start + len(tokens)


def lexemes(text: str) -> list[str]:
    """The lexemes of ``text`` in order (stop words left out)."""
    return [value for word in WORD.findall(text) if (value := lexeme(word)) is not None]


def surface_forms(text: str, wanted: set[str]) -> dict[str, str]:
    """For each wanted lexeme, the spelling most often written for it in ``text``."""
    counts: dict[str, dict[str, int]] = {}
    for word in WORD.findall(text):
        value = lexeme(word)
        if value in wanted:
            spellings = counts.setdefault(value, {})
            spellings[word] = spellings.get(word, 0) + 1
    return {
        value: max(spellings.items(), key=lambda item: (item[1], item[0][:1].isupper()))[0]
        for value, spellings in counts.items()
    }


# word as written -> lexeme (None: stop word); a rebuild meets each word again
# and again, and a plain dict is several times cheaper than lru_cache here.
_lexemes: dict[str, str | None] = {}
MAX_CACHED_WORDS = 1_000_000


def tsvector_literal(fields: list[tuple[str, str]]) -> str:
    """A PostgreSQL tsvector, as text, of weighted fields [(text, "A"), (text, "B"), ...].

    Positions continue from field to field with a gap, so a phrase never
    spans two fields; the weight letter may be "" (no weight). This runs for
    every document of a rebuild, hence the plain loop.
    """
    positions: dict[str, list[str]] = {}
    cached = _lexemes.get
    last = 0
    for text, weight in fields:
        position = last
        for word in WORD.findall(text):
            position += 1
            value = cached(word, 0)
            if value == 0:
                value = lexeme(word)
                if len(_lexemes) < MAX_CACHED_WORDS:
                    _lexemes[word] = value
            if value is not None:
                entries = positions.get(value)
                if entries is None:
                    positions[value] = [f"{min(position, MAX_POSITION)}{weight}"]
                elif len(entries) < MAX_POSITIONS_PER_LEXEME:
                    entries.append(f"{min(position, MAX_POSITION)}{weight}")
        last = position + 1
    # Lexemes are letters and digits only (WORD): no quote to escape.
    return " ".join([f"'{value}':{','.join(entries)}" for value, entries in positions.items()])


def quote_lexeme(value: str) -> str:
    """A lexeme as a tsvector or tsquery operand; quoting makes every character literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def derivation_bases(value: str) -> tuple[str, ...]:
    """Shorter stems a word may share with its relatives: saniert → sanier (Sanierung),
    pflanzung → pflanz (pflanzen), bewasser → bewass (bewässern).

    Backends use them like a compound's part, and only when the lexicon knows them.
    """
    bases = []
    if len(value) >= 6 and value.endswith("et"):
        bases.append(value[:-2])
    if len(value) >= 6 and value.endswith("t"):
        bases.append(value[:-1])
    if len(value) >= 7 and value.endswith(("ung", "ern", "ert")):
        bases.append(value[:-3])
    if len(value) >= 7 and value.endswith("er"):
        bases.append(value[:-2])
    return tuple(bases)


# Letters as a character class both PostgreSQL's regular expressions and
# Python's read the same way (PostgreSQL's [[:alnum:]] depends on the locale).
LETTER = "[0-9a-zA-ZäöüÄÖÜßàáâèéêëìíîïòóôùúûçñ]"
SPELLINGS = {
    "ä": "(ä|Ä|ae|a)",
    "ö": "(ö|Ö|oe|o)",
    "ü": "(ü|Ü|ue|u)",
    "ß": "(ß|ss)",
    "a": "(a|ä|Ä)",
    "o": "(o|ö|Ö)",
    "u": "(u|ü|Ü)",
}


def phrase_pattern(words: list[str]) -> str | None:
    """A case-insensitive regular expression for a phrase with stop words in it.

    Stop words have no lexeme, so the index only knows there is *a* word
    between "Platz" and "Kinder"; this says which: "Platz für Kinder" must
    not match "Platz mit Kindern". Other words match from their stem's
    length on, in any spelling (Plätze, Platz). None when no stop word is in it.
    """
    if all(lexeme(word) is not None for word in words):
        return None
    parts = []
    for word in words:
        word = word.lower()
        value = lexeme(word)
        stem_length = len(value) if value else len(word)
        # "für" is written "fuer" too; a content word's tail may inflect.
        head = word if value is None else word[: max(1, min(len(word), stem_length))]
        spelled = "".join(SPELLINGS.get(char, re_escape(char)) for char in head)
        parts.append(spelled if value is None else f"{spelled}{LETTER}*")
    separator = f"[^{LETTER[1:-1]}]+"
    return f"(^|[^{LETTER[1:-1]}]){separator.join(parts)}($|[^{LETTER[1:-1]}])"


def re_escape(char: str) -> str:
    return "\\" + char if not char.isalnum() else char


MIN_PART_LENGTH = 3


def compound_splits(word: str) -> list[tuple[str, str]]:
    """Ways to read a compound nobody wrote as two words somebody did, as lexeme pairs.

    "Liebknechtstraße" → (liebknecht, strass): the text says
    "Karl-Liebknecht-Straße". A linking s is tried without it too
    ("Verkehrsberuhigung" → verkehr, beruhig). Backends keep the pairs
    whose both parts they know; longer parts first.
    """
    word = word.lower()
    splits = []
    for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        left, right = word[:cut], word[cut:]
        right_value = lexeme(right)
        if right_value is None or len(right_value) < MIN_PART_LENGTH:
            continue
        lefts = [left] + ([left[:-1]] if left.endswith("s") and len(left) > MIN_PART_LENGTH else [])
        for part in lefts:
            left_value = lexeme(part)
            if left_value is not None and len(left_value) >= MIN_PART_LENGTH:
                splits.append((left_value, right_value))
    return sorted(dict.fromkeys(splits), key=lambda pair: -min(len(pair[0]), len(pair[1])))
