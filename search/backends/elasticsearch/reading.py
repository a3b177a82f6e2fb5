"""Reading search responses: totals, the groups each hit matched, the term suggestions."""

import re
import unicodedata
from collections import Counter

from search.text import WORD

from .query import group_name, known_word_name, suggestion_name

COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")
# german_normalization: "ae", "oe", "ue" are umlauts too, except "ue" after "q" (Quelle).
SPELT_UMLAUT = re.compile(r"(?<=[ao])e|(?<=(?<!q)u)e")


def total_of(response: dict) -> int:
    return response["hits"]["total"]["value"]


def matched_names(raw_hit: dict) -> set[str]:
    """The named clauses a hit matched (a list, or a dict of scores with
    ``include_named_queries_score``)."""
    return set(raw_hit.get("matched_queries") or ())


def missing_words(raw_hit: dict, groups: list[list[str]]) -> list[str]:
    """The query's words (as typed) of the groups a hit does not match."""
    matched = matched_names(raw_hit)
    return [
        word
        for index, words in enumerate(groups)
        if group_name(index) not in matched
        for word in words
    ]


def unknown_words(response: dict, groups: list[list[str]]) -> dict[str, str]:
    """{word: closest known word (folded)} for the words the term suggester has options for.

    The suggester runs in "missing" mode: a word somebody wrote gets none.
    """
    suggestions = response.get("suggest") or {}
    unknown = {}
    for group, words in enumerate(groups):
        for position, word in enumerate(words):
            for entry in suggestions.get(suggestion_name(group, position), []):
                options = entry.get("options") or []
                if options:
                    unknown[word] = options[0]["text"]
                    break
    return unknown


def unmatched_words(response: dict, words: list[str]) -> list[str]:
    """The words no visible document matches, from a ``known_words_body`` answer."""
    buckets = response.get("aggregations", {}).get("known", {}).get("buckets", {})
    return [
        word
        for index, word in enumerate(words)
        if not buckets.get(known_word_name(index), {}).get("doc_count")
    ]


def elasticsearch_fold(word: str) -> str:
    """A word as the ``portal_folded`` analyzer indexes it: Gärten, Gaerten -> garten."""
    word = word.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u")
    word = SPELT_UMLAUT.sub("", word.replace("ß", "ss"))
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", word))


def surface_form(text: str, folded: str) -> str:
    """How ``text`` most often writes the folded word (capitalised first); else the word."""
    spellings = Counter(word for word in WORD.findall(text) if elasticsearch_fold(word) == folded)
    if not spellings:
        return folded
    return max(spellings.items(), key=lambda item: (item[1], item[0][:1].isupper()))[0]
