"""German queries as citizens type them, the same on every backend (issue 17).

Umlaut plurals, words spread over several texts, natural questions, OR/NOT
typed as words, and typo correction that never replaces a real word.
"""

import pytest

from search.backends.base import SearchQuery
from search.text import parse_query
from tests.search.conftest import make_document


def search(backend, raw_query, **kwargs):
    return backend.search(SearchQuery(parsed=parse_query(raw_query), **kwargs))


def titles(backend, raw_query, **kwargs) -> list[str]:
    return [hit.title for hit in search(backend, raw_query, **kwargs).hits]


@pytest.fixture
def city(indexed):
    return indexed(
        make_document("Die Städte wachsen", "Mehr Menschen ziehen in Städte."),
        make_document("Stadtrat tagt", "Die Stadt plant neue Wege."),
        make_document("Gärten in Winzerla", "Die Kleingärten brauchen Wasser."),
        make_document("Ein Garten für alle", "Gemeinschaftsgarten am Fluss."),
        make_document("Hinterhöfe begrünen", "Viele Höfe sind grau."),
        make_document("Der Hof der Schule", "Der Schulhof ist zu klein."),
        make_document("Gaerten ohne Umlaut geschrieben", "Wir schreiben Gaerten mit ae."),
        make_document("Stadtbibliothek öffnet länger", "Die Stadtbibliothek am Engelplatz."),
        make_document("Bücher zurückgeben", "Die Leihfrist ist mit drei Wochen zu kurz."),
        make_document("Sanierung der Burgauer Brücke", "Die Brücke in Burgau wird 2027 saniert."),
        make_document("Bänke im Stadtpark", "Im Stadtpark fehlen Bänke zum Ausruhen."),
        make_document("Fußweg am Saaleufer", "Der Fußweg ist nachts dunkel."),
        make_document("Radweg Löbdergraben", "Der Radweg endet an der Kreuzung."),
        make_document("Spielplatz Lobeda", "Der Spielplatz in Lobeda-West."),
        make_document("Spielplatz Ost", "Der Spielplatz im Osten ist schön."),
        make_document("Vor dem Nordplatz", "Treffen vor dem Nordplatz.", author="Nutzer1"),
        make_document("Wahl des Beirats", "Die Wahl findet im Rathaus statt."),
        make_document("Am Saaleufer", "Die Saale führt Hochwasser."),
        make_document("Wald im Norden", "Der Wald ist ein Erholungsort."),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Stadt", "Die Städte wachsen"),
        ("Städte", "Stadtrat tagt"),
        ("Garten", "Gärten in Winzerla"),
        ("Gärten", "Ein Garten für alle"),
        ("Gaerten", "Gärten in Winzerla"),
        ("Gärten", "Gaerten ohne Umlaut geschrieben"),
        ("Hof", "Hinterhöfe begrünen"),
        ("Höfe", "Der Hof der Schule"),
        ("Bank", "Bänke im Stadtpark"),
        ("Fussweg", "Fußweg am Saaleufer"),
    ],
)
def test_umlaut_plurals_and_spellings_meet(backend, city, query, expected):
    assert expected in titles(backend, query)


def test_words_spread_over_texts_find_each_text_full_matches_first(backend, city, indexed):
    indexed(make_document("Leihfrist der Stadtbibliothek", "Die Stadtbibliothek und ihre Frist."))
    results = search(backend, "Stadtbibliothek Leihfrist")
    found = [hit.title for hit in results.hits]
    assert found[0] == "Leihfrist der Stadtbibliothek"
    assert {"Stadtbibliothek öffnet länger", "Bücher zurückgeben"} <= set(found)
    assert results.partial
    missing = {hit.title: hit.missing_words for hit in results.hits}
    assert missing["Leihfrist der Stadtbibliothek"] == []
    assert missing["Bücher zurückgeben"] == ["stadtbibliothek"]
    assert missing["Stadtbibliothek öffnet länger"] == ["leihfrist"]


def test_full_matches_alone_when_they_fill_the_page(backend, indexed):
    indexed(*[make_document(f"Radweg Lobeda {n}", "Radweg in Lobeda") for n in range(12)])
    indexed(make_document("Nur Radweg", "Radweg"))
    results = search(backend, "Radweg Lobeda", page_size=10)
    assert not results.partial
    assert results.total == 12


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wann wird die Brücke in Burgau saniert?", "Sanierung der Burgauer Brücke"),
        ("Warum gibt es so wenige Bänke im Stadtpark?", "Bänke im Stadtpark"),
        ("Wo ist der Fußweg am Saaleufer?", "Fußweg am Saaleufer"),
    ],
)
def test_natural_questions_find_the_answers(backend, city, question, expected):
    assert titles(backend, question)[0] == expected


def test_question_words_are_left_out_of_the_query():
    parsed = parse_query("Warum gibt es so wenige Bänke im Stadtpark?")
    assert parsed.groups == [["bänke"], ["stadtpark"]]
    assert parsed.ignored == ["warum", "gibt", "wenige"]


def test_or_typed_as_a_word_finds_either(backend, city):
    found = titles(backend, "Radweg OR Fußweg")
    assert {"Radweg Löbdergraben", "Fußweg am Saaleufer"} <= set(found)


def test_not_typed_as_a_word_excludes(backend, city):
    found = titles(backend, "Spielplatz NOT Lobeda")
    assert "Spielplatz Ost" in found
    assert "Spielplatz Lobeda" not in found


def test_operator_words_and_digits_never_match_parts_of_words(backend, city):
    assert titles(backend, "OR 1") == []
    assert titles(backend, "Nutzer1") == ["Vor dem Nordplatz"]


def test_two_real_words_without_a_common_text_are_not_corrected(backend, city):
    results = search(backend, "Wahl Saale")
    found = [hit.title for hit in results.hits]
    assert {"Wahl des Beirats", "Am Saaleufer"} <= set(found)
    assert "Wald im Norden" not in found
    assert results.corrections == {}


def test_an_unknown_word_is_corrected_openly_with_a_real_spelling(backend, city):
    results = search(backend, "Spielplatz Winzrela")
    assert results.corrections == {"winzrela": "Winzerla"}
    assert results.corrections_applied
    assert "Gärten in Winzerla" in [hit.title for hit in results.hits]


def test_a_misspelt_compound_is_suggested_as_people_write_it(backend, city):
    results = search(backend, "Stadtbiblothek")
    assert list(results.corrections.values()) == ["Stadtbibliothek"]
    assert results.hits[0].title == "Stadtbibliothek öffnet länger"


def test_a_rare_known_word_is_only_suggested(backend):
    # Counted by a rebuild: the lexicon knows how rare each word is.
    backend.rebuild(
        iter(
            [
                [
                    make_document("Radverkehr", "Der Radverkehr wächst."),
                    *[make_document(f"Radweg {n}", "Ein Radweg.") for n in range(25)],
                    make_document("Radwig", "Ein Radwig, ein Tippfehler."),
                ]
            ]
        )
    )
    results = search(backend, "Radwig")
    assert [hit.title for hit in results.hits] == ["Radwig"]
    assert results.corrections == {"radwig": "Radweg"}
    assert not results.corrections_applied


def test_a_three_letter_word_finds_the_compounds_it_ends(backend, indexed):
    indexed(
        make_document("Der Schulbus kommt zu spät", "Jeden Morgen."),
        make_document("Im Busch am Weg", "Ein Strauch."),
        make_document("Termine im Bürgeramt", "Online buchen."),
    )
    assert titles(backend, "Bus") == ["Der Schulbus kommt zu spät"]
    assert titles(backend, "Amt") == ["Termine im Bürgeramt"]


def test_a_phrase_keeps_its_stop_words(backend, indexed):
    indexed(
        make_document("Platz für Kinder", "Ein Platz für Kinder am Markt."),
        make_document("Platz mit Kindern", "Ein Platz mit Kindern am Markt."),
    )
    assert titles(backend, '"Platz für Kinder"') == ["Platz für Kinder"]
    assert titles(backend, 'Markt -"Platz für Kinder"') == ["Platz mit Kindern"]


def test_a_compound_nobody_wrote_finds_its_parts_written_apart(backend, indexed):
    indexed(
        make_document("Karl-Liebknecht-Straße", "Die Ampel an der Karl-Liebknecht-Straße."),
        make_document("Liebknecht", "Ein Vortrag über Liebknecht."),
    )
    results = search(backend, "Liebknechtstrasse")
    assert [hit.title for hit in results.hits] == ["Karl-Liebknecht-Straße"]
    assert results.corrections == {}
