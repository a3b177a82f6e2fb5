"""Query syntax never fails and folds German spelling variants."""

import pytest

from search.text import edit_distance, fold, parse_query


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Straße", "strasse"),
        ("Bürgerbeteiligung", "buergerbeteiligung"),
        ("ÖFFENTLICH", "oeffentlich"),
        ("Café", "cafe"),
        ("Äpfel", "aepfel"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_words_phrases_and_exclusions():
    parsed = parse_query('Radweg "Straße am Markt" -Auto -"Parken verboten" Lobeda')
    assert parsed.terms == ["radweg", "lobeda"]
    assert parsed.phrases == [["straße", "am", "markt"]]
    assert parsed.excluded == ["auto"]
    assert parsed.excluded_phrases == [["parken", "verboten"]]


def test_hyphenated_words_are_split_like_the_database_does():
    assert parse_query("Fahrrad-Straße").terms == ["fahrrad", "straße"]


def test_folded_stop_words_are_dropped_from_terms_but_kept_in_phrases():
    parsed = parse_query('Radweg für Kinder "Platz für Kinder"')
    assert parsed.terms == ["radweg", "kinder"]
    assert parsed.phrases == [["platz", "für", "kinder"]]


@pytest.mark.parametrize(
    "raw",
    ['"', '""', "-", "--", "& | ! ( ) : *", "\\", "'; DROP TABLE x; --", "a:*", "<->", "   "],
)
def test_syntax_characters_are_text_and_never_fail(raw):
    parsed = parse_query(raw)
    for word in parsed.terms + parsed.excluded:
        assert word.isalnum()


def test_unterminated_quote_is_a_phrase_to_the_end():
    assert parse_query('"Radweg am').phrases == [["radweg", "am"]]


def test_number_of_terms_is_bounded():
    assert len(parse_query(" ".join(f"wort{n}" for n in range(100))).terms) == 12


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("winzrela", "winzerla", 1),
        ("radwek", "radweg", 1),
        ("radweg", "radweg", 0),
        ("abc", "", 3),
        ("ab", "ba", 1),
    ],
)
def test_edit_distance_counts_a_swap_once(a, b, distance):
    assert edit_distance(a, b) == distance
