"""The simple (SQLite) backend speaks German like PostgreSQL: what is special to it.

It stores each entry's lexemes with their positions and matches them in
Python; the cases shared with PostgreSQL are in test_german_matching.
"""

import json
import random

import pytest

from search.backends import get_backend
from search.backends.base import Filters, SearchQuery, Viewer
from search.backends.simple.plan import within_distance
from search.backends.simple.storage import decode, is_current
from search.documents import Audience, Kind
from search.models import SearchEntry
from search.text import edit_distance, parse_query
from tests.search.conftest import make_document


@pytest.fixture
def simple(settings, db):
    settings.PORTAL_SEARCH_BACKEND = "simple"
    return get_backend()


@pytest.fixture
def index(simple):
    def index(*documents):
        simple.upsert(list(documents))
        return documents

    return index


def search(backend, raw, **kwargs):
    return backend.search(SearchQuery(parsed=parse_query(raw), **kwargs))


def titles(backend, raw, **kwargs) -> list[str]:
    return [hit.title for hit in search(backend, raw, **kwargs).hits]


def test_a_number_matches_whole_words_only(simple, index):
    index(
        make_document("Radweg vor der Schule", "Der Weg vor dem Tor."),
        make_document("Nordplatz", "Bänke am Nordplatz."),
        make_document("Ein Hinweis", "Danke!", author="Nutzer1"),
        make_document("Bauabschnitt 1", "Der erste Abschnitt."),
    )
    assert titles(simple, "OR 1") == ["Bauabschnitt 1"]
    assert titles(simple, "1") == ["Bauabschnitt 1"]
    assert titles(simple, "Nutzer1") == ["Ein Hinweis"]


def test_or_joins_alternatives(simple, index):
    index(
        make_document("Radweg am Markt"),
        make_document("Fußweg am Anger"),
        make_document("Kultur"),
    )
    assert sorted(titles(simple, "Radweg OR Fußweg")) == ["Fußweg am Anger", "Radweg am Markt"]


@pytest.mark.parametrize(
    ("query", "title"), [("Stadt", "Städte im Wandel"), ("Städte", "Stadtrat")]
)
def test_umlaut_plurals_meet_their_singular(simple, index, query, title):
    index(
        make_document("Städte im Wandel", "Wie Städte wachsen."),
        make_document("Stadtrat", "Die Stadt plant neu."),
        make_document("Kultur", "Theater."),
    )
    assert title in titles(simple, query)


@pytest.mark.parametrize(
    ("query", "title"),
    [("saniert", "Sanierung der Schule"), ("Sanierung", "Das Dach wird saniert")],
)
def test_derivations_meet(simple, index, query, title):
    index(
        make_document("Sanierung der Schule", "Die Sanierung beginnt im Mai."),
        make_document("Das Dach wird saniert", "Bis Juni."),
        make_document("Kultur", "Theater."),
    )
    assert title in titles(simple, query)


@pytest.fixture
def partial_corpus(index):
    index(
        make_document("Radweg zur Schule in Lobeda", days_ago=9),
        make_document("Radweg nach Lobeda", days_ago=5),
        make_document("Radweg an der Schule", days_ago=1),
        make_document("Lobeda feiert", days_ago=0),
        *[make_document(f"Radweg {n}", days_ago=20 + n) for n in range(3)],
        *[make_document(f"Schule {n}", days_ago=20 + n) for n in range(3)],
    )


def test_partial_matches_follow_full_ones_rarer_words_first(simple, partial_corpus):
    results = search(simple, "Radweg Lobeda Schule")
    assert results.partial
    # "lobeda" is in fewer documents than "schule": the older partial match first.
    assert [(hit.title, hit.missing_words) for hit in results.hits] == [
        ("Radweg zur Schule in Lobeda", []),
        ("Radweg nach Lobeda", ["schule"]),
        ("Radweg an der Schule", ["lobeda"]),
    ]
    assert results.total == 3
    assert sum(value.count for value in results.facets["kind"]) == 3


def test_no_partial_matches_when_full_matches_fill_the_page(simple, partial_corpus):
    results = search(simple, "Radweg Lobeda Schule", page_size=1)
    assert not results.partial
    assert [hit.title for hit in results.hits] == ["Radweg zur Schule in Lobeda"]
    assert results.total == 1


def test_title_matches_weigh_more_in_partial_matches(simple, index):
    index(
        make_document("Ein Baum", "Am Teich steht er.", days_ago=3),
        make_document("Am Teich", "Ein Baum steht dort.", days_ago=1),
        make_document("Teich und Baum", "Beide.", days_ago=30),
        make_document("Teich", "Nur Wasser.", days_ago=40),
        make_document("Teich", "Nur Wasser.", days_ago=41),
    )
    # All match two of three words: both in the title first, then the rarer word
    # ("baum") in the title, though the last is newer.
    assert titles(simple, "Baum Teich Brunnen")[:3] == ["Teich und Baum", "Ein Baum", "Am Teich"]


def test_a_typo_is_corrected_as_people_write_the_word(simple, index):
    index(
        make_document("Bürgerbeteiligung stärken", "Mehr Bürgerbeteiligung im Ortsteil."),
        make_document("Buergerbeteiligung", "Alte Schreibweise."),
        make_document("Kultur", "Theater."),
    )
    results = search(simple, "Buergerbeteilgung")
    assert results.corrections == {"buergerbeteilgung": "Bürgerbeteiligung"}
    assert results.corrections_applied
    assert sorted(hit.title for hit in results.hits) == [
        "Buergerbeteiligung",
        "Bürgerbeteiligung stärken",
    ]
    assert "burgerbeteil" in results.highlight_terms


def test_short_words_allow_one_typo_only(simple, index):
    index(make_document("Kiosk am Markt"))
    assert titles(simple, "Kiosc") == ["Kiosk am Markt"]
    assert titles(simple, "Kjosc") == []


@pytest.mark.parametrize(("common", "suggested"), [(20, True), (19, False)])
def test_a_rare_known_word_is_only_suggested(simple, index, common, suggested):
    index(
        make_document("Spielplaz", "Ein Schreibfehler."),
        *[make_document(f"Spielplatz {n}", "Rutsche") for n in range(common)],
    )
    results = search(simple, "Spielplaz")
    assert [hit.title for hit in results.hits] == ["Spielplaz"]
    assert not results.corrections_applied
    assert results.corrections == ({"spielplaz": "Spielplatz"} if suggested else {})


def test_corrections_come_only_from_what_the_viewer_may_see(simple, index):
    index(
        make_document("Regenwasserzisterne", "Im Hof.", audience=Audience.LOGIN),
        make_document("Wasserspender", "Öffentlich."),
    )
    anonymous = search(simple, "Regenwasserzistrne")
    assert (anonymous.total, anonymous.corrections) == (0, {})
    signed_in = search(simple, "Regenwasserzistrne", viewer=Viewer(authenticated=True))
    assert signed_in.total == 1
    assert signed_in.corrections == {"regenwasserzistrne": "Regenwasserzisterne"}


def test_phrases_keep_the_gaps_of_stop_words_and_stay_in_one_field(simple, index):
    index(
        make_document("Platz für Kinder", "Ein neuer Ort."),
        make_document("Kinder brauchen Platz", "Mehr Raum."),
        make_document("Großer Platz", "Kinder spielen hier."),
    )
    assert titles(simple, '"Platz für Kinder"') == ["Platz für Kinder"]
    assert titles(simple, '"Platz Kinder"') == []
    assert titles(simple, 'Kinder -"Platz für Kinder"') == [
        "Kinder brauchen Platz",
        "Großer Platz",
    ]


def test_filters_and_facets(simple, index):
    index(
        make_document("Baum am Markt", kind=Kind.PAGE, topic_ids=[3], days_ago=1),
        make_document("Baum im Park", kind=Kind.COMMENT, topic_ids=[3, 4], days_ago=2),
        make_document("Baum im Hof", kind=Kind.COMMENT, topic_ids=[4], days_ago=3),
    )
    results = search(simple, "Baum", filters=Filters(topic_id=4))
    assert [hit.title for hit in results.hits] == ["Baum im Park", "Baum im Hof"]
    assert {value.value: value.count for value in results.facets["topic"]} == {"3": 1, "4": 2}
    assert titles(simple, "Baum", filters=Filters(kinds=[Kind.PAGE])) == ["Baum am Markt"]


def test_the_stored_format_keeps_the_title_apart_and_survives_a_rebuild(simple, index):
    index(make_document("Alt", "Wird ersetzt."))
    documents = [make_document("Radweg am Markt", "Mehr Platz für Räder am Markt.")]
    assert simple.rebuild(iter([documents])) == 1

    (entry,) = SearchEntry.objects.all()
    assert is_current(entry.search_text)
    stored = json.loads(entry.search_text)
    assert stored["lexemes"]["markt"] == [3, 11]  # stop words keep their positions
    analysed = decode(entry.search_text)
    assert analysed.title == {"radweg", "markt"}
    assert titles(simple, "Räder") == ["Radweg am Markt"]
    assert titles(simple, "Alt") == []


def test_entries_written_before_this_format_are_still_found(simple, index):
    index(make_document("Spielplätze in Winzerla", "Neue Rutschen."))
    SearchEntry.objects.update(search_text=" spielplaetze in winzerla neue rutschen ")
    assert titles(simple, "Spielplatz") == ["Spielplätze in Winzerla"]
    assert titles(simple, "Winzrela") == ["Spielplätze in Winzerla"]


def test_autocomplete_whole_words_then_the_word_being_typed(simple, index):
    index(
        make_document("Radweg am Markt", kind=Kind.PROJECT, days_ago=3),
        make_document("Radwege in Lobeda", kind=Kind.PAGE, days_ago=1),
        make_document("Radweg in Lobeda kommentiert", kind=Kind.COMMENT),
        make_document("Lobeda grünt", kind=Kind.PROJECT, audience=Audience.LOGIN),
    )
    suggested = [s.title for s in simple.autocomplete("Radw", Viewer())]
    assert suggested == ["Radwege in Lobeda", "Radweg am Markt"]
    assert [s.title for s in simple.autocomplete("Radweg Lob", Viewer())] == ["Radwege in Lobeda"]
    assert [s.title for s in simple.autocomplete("Lob", Viewer())] == ["Radwege in Lobeda"]
    assert simple.autocomplete("  ", Viewer()) == []


def test_the_bounded_edit_distance_agrees_with_the_full_one():
    generator = random.Random(7)
    for _ in range(20000):
        a = "".join(generator.choices("abcde", k=generator.randint(0, 8)))
        b = "".join(generator.choices("abcde", k=generator.randint(0, 8)))
        for limit in (1, 2):
            assert within_distance(a, b, limit) == (edit_distance(a, b) <= limit), (a, b, limit)
