"""What the simple backend stores in ``SearchEntry.search_text``, and reading it back.

The analysed text is JSON: the format's version, the last position of the
title, and every lexeme (``search.analysis``) with its positions::

    {"v":1,"title":3,"lexemes":{"radweg":[1,6],"markt":[3,8],"schmal":[11]}}

Positions run through title, subtitle and body (author appended), one
position apart between fields like PostgreSQL's tsvector, so a phrase
never spans two fields; stop words keep their positions, so a quoted
phrase keeps its gaps. Positions up to ``title`` are the title's.

Rows written before this format (folded plain text), or by another backend
(empty), are analysed from their fields when searched; a rebuild
(``reindex``) stores them in this format.
"""

import json
from dataclasses import dataclass
from functools import lru_cache

from search.analysis import positioned_lexemes
from search.documents import SearchDocument

FORMAT_VERSION = 1
_PREFIX = f'{{"v":{FORMAT_VERSION},'


@dataclass(frozen=True)
class Analysed:
    """One document's lexemes: their positions, and those in the title."""

    positions: dict[str, tuple[int, ...]]
    title: frozenset[str]
    title_end: int

    @property
    def lexemes(self):
        return self.positions.keys()


def analyse(title: str, subtitle: str, body: str, author: str) -> tuple[int, dict[str, list]]:
    """(last position of the title, lexeme -> positions) for a document's fields."""
    positions: dict[str, list[int]] = {}
    last = title_end = 0
    for index, text in enumerate((title, subtitle, f"{body} {author}")):
        found, last = positioned_lexemes(text, last)
        for position, value in found:
            positions.setdefault(value, []).append(position)
        if index == 0:
            title_end = last
        last += 1  # a gap between fields: no phrase spans two of them
    return title_end, positions


def analysed_text(document: SearchDocument) -> str:
    """``search_text`` for a document, in the format above."""
    title_end, positions = analyse(
        document.title, document.subtitle, document.body, document.author
    )
    return json.dumps(
        {"v": FORMAT_VERSION, "title": title_end, "lexemes": positions},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _build(title_end: int, positions: dict[str, list]) -> Analysed:
    return Analysed(
        positions={value: tuple(found) for value, found in positions.items()},
        title=frozenset(
            value for value, found in positions.items() if found and found[0] <= title_end
        ),
        title_end=title_end,
    )


def is_current(search_text: str) -> bool:
    return search_text.startswith(_PREFIX)


@lru_cache(maxsize=20_000)
def decode(search_text: str) -> Analysed:
    """The stored text read back (cached: a demo's entries are read on every search)."""
    stored = json.loads(search_text)
    return _build(int(stored["title"]), stored["lexemes"])


@lru_cache(maxsize=5_000)
def analyse_fields(title: str, subtitle: str, body: str, author: str) -> Analysed:
    """A row without the current format, analysed from its fields."""
    return _build(*analyse(title, subtitle, body, author))
