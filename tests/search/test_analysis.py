"""The German analysis every backend shares (search.analysis)."""

import pytest
from django.db import connection

from search.analysis import (
    derivation_bases,
    lexeme,
    lexemes,
    positioned_lexemes,
    prefix_lexemes,
    surface_forms,
    tsvector_literal,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Stadt", "Städte"),
        ("Garten", "Gärten"),
        ("Gaerten", "Gärten"),
        ("Hof", "Höfe"),
        ("Turm", "Türme"),
        ("Straße", "Strasse"),
        ("Bürgerbeteiligung", "Buergerbeteiligung"),
        ("Müll", "Muell"),
    ],
)
def test_stemming_before_folding_joins_umlaut_forms(one, other):
    assert lexeme(one) == lexeme(other)


def test_lexemes_are_folded_stems_and_stop_words_have_none():
    assert lexeme("Café") == "cafe"
    assert lexeme("für") is None
    assert lexemes("Die Gärten für Kinder") == ["gart", "kind"]


def test_positions_keep_the_gaps_of_stop_words():
    found, last = positioned_lexemes("Platz für Kinder")
    assert found == [(1, "platz"), (3, "kind")]
    assert last == 3


def test_prefixes_of_a_word_being_typed():
    assert "burgerbet" in prefix_lexemes("Bürgerbet")
    assert set(prefix_lexemes("Radwe")) == {"radw", "radwe"}


def test_derivation_bases():
    assert "sanier" in derivation_bases(lexeme("saniert"))
    assert "pflanz" in derivation_bases(lexeme("Pflanzung"))
    assert derivation_bases(lexeme("Baum")) == ()


def test_surface_forms_pick_the_spelling_people_use_most():
    text = "Winzerla ist schön. In Winzerla wohnen viele. winzerla klein geschrieben."
    assert surface_forms(text, {"winzerla"}) == {"winzerla": "Winzerla"}


@pytest.mark.django_db
def test_the_tsvector_literal_is_what_postgresql_reads():
    literal = tsvector_literal([("Die Städte", "A"), ("Gärten und Höfe", "C")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(%s AS tsvector)::text, "
            "CAST(%s AS tsvector) @@ CAST('''gart'' <2> ''hof''' AS tsquery)",
            [literal, literal],
        )
        text, phrase = cursor.fetchone()
    assert text == "'gart':4C 'hof':6C 'stadt':2A"
    assert phrase


def test_fields_never_form_a_phrase_across_their_border():
    found = tsvector_literal([("Radweg", "A"), ("Markt", "C")])
    assert found == "'radweg':1A 'markt':3C"
