"""German matching cases, the same for every backend (Elasticsearch: test_elasticsearch_live)."""

import pytest

from search.backends.base import SearchQuery
from search.text import parse_query
from tests.search.conftest import make_document


def found(backend, raw_query, **query_kwargs) -> list[str]:
    results = backend.search(SearchQuery(parsed=parse_query(raw_query), **query_kwargs))
    return [hit.title for hit in results.hits]


@pytest.fixture
def corpus(indexed):
    return indexed(
        make_document("Radweg am Markt", "Der Radweg am Markt ist zu schmal."),
        make_document("Neue Radwege für Lobeda", "Mehr Radwege in Lobeda-West."),
        make_document("Fahrradwegenetz", "Ein durchgehendes Fahrradwegenetz für die ganze Stadt."),
        make_document("Straßenbäume", "Mehr Bäume an der Straße."),
        make_document("Bürgerbeteiligung stärken", "Wie wir die Bürgerbeteiligung verbessern."),
        make_document("Spielplätze", "Die Spielplätze in Winzerla sind alt."),
        make_document("Parken am Markt", "Autos parken auf dem Radweg am Markt."),
        make_document("Kultur", "Theater und Musik."),
    )


def test_stemming_finds_other_forms(backend, corpus):
    assert "Neue Radwege für Lobeda" in found(backend, "Radweg")
    assert "Spielplätze" in found(backend, "Spielplatz")


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Strasse", "Straßenbäume"),
        ("Straße", "Straßenbäume"),
        ("Buergerbeteiligung", "Bürgerbeteiligung stärken"),
        ("bürgerbeteiligung", "Bürgerbeteiligung stärken"),
    ],
)
def test_umlauts_and_sharp_s_fold(backend, corpus, query, title):
    assert title in found(backend, query)


def test_prefix_matches_what_is_being_typed(backend, corpus):
    assert "Radweg am Markt" in found(backend, "Radw")


def test_compound_contains_the_word(backend, corpus):
    assert "Fahrradwegenetz" in found(backend, "Radweg")


def test_typo_tolerance_when_nothing_matches(backend, corpus):
    results = backend.search(SearchQuery(parsed=parse_query("Spielplaetze Winzrela")))
    assert [hit.title for hit in results.hits] == ["Spielplätze"]
    assert results.did_you_mean


def test_phrase_must_match_in_order(backend, corpus):
    titles = found(backend, '"Radweg am Markt"')
    assert "Radweg am Markt" in titles
    assert "Neue Radwege für Lobeda" not in titles


def test_minus_excludes(backend, corpus):
    titles = found(backend, "Markt -Autos")
    assert "Radweg am Markt" in titles
    assert "Parken am Markt" not in titles


def test_title_weighs_more_than_body(backend, corpus):
    titles = found(backend, "Parken")
    assert titles[0] == "Parken am Markt"


def test_recency_breaks_ties(backend, indexed):
    indexed(
        make_document("Lärm", "Zu laut", days_ago=10),
        make_document("Lärm", "Zu laut", days_ago=1),
    )
    results = backend.search(SearchQuery(parsed=parse_query("Lärm")))
    dates = [hit.published_at for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "raw",
    [
        '"',
        "Radweg & | ! ( ) : *",
        "Radweg\\",
        "'; DROP TABLE search_searchentry; --",
        "a:*",
        "<-> !!",
    ],
)
def test_syntax_characters_never_break_a_search(backend, corpus, raw):
    backend.search(SearchQuery(parsed=parse_query(raw)))


def test_pagination_and_total(backend, indexed):
    indexed(*[make_document(f"Baum {n}", "Baum", days_ago=n) for n in range(25)])
    first = backend.search(SearchQuery(parsed=parse_query("Baum"), page=1, page_size=10))
    third = backend.search(SearchQuery(parsed=parse_query("Baum"), page=3, page_size=10))
    assert first.total == 25
    assert len(first.hits) == 10
    assert len(third.hits) == 5
    assert not {h.key for h in first.hits} & {h.key for h in third.hits}


def test_very_common_words_rank_title_matches_first_then_newest(settings, db, monkeypatch):
    """Beyond RANKED_MATCHES_LIMIT matches, PostgreSQL skips ts_rank (cost per match)."""
    from search.backends import get_backend
    from search.backends.postgres import reading

    settings.PORTAL_SEARCH_BACKEND = "postgres"
    backend = get_backend()
    backend.upsert(
        [
            make_document("Alt im Titel: Markt", "Text", days_ago=30),
            make_document("Etwas anderes", "Der Markt im Text", days_ago=1),
            make_document("Neu im Titel: Markt", "Text", days_ago=2),
        ]
    )
    monkeypatch.setattr(reading, "RANKED_MATCHES_LIMIT", 1)
    results = backend.search(SearchQuery(parsed=parse_query("Markt")))
    assert results.total == 3
    assert [hit.title for hit in results.hits] == [
        "Neu im Titel: Markt",
        "Alt im Titel: Markt",
        "Etwas anderes",
    ]


def test_counting_stops_early_for_words_in_very_many_documents(settings, db):
    """Beyond PORTAL_SEARCH_EXACT_COUNT_LIMIT expected matches the total is a lower bound."""
    from search.backends import get_backend

    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT = 3
    backend = get_backend()
    documents = [make_document(f"Stadt {n}", "Die Stadt", kind="comment") for n in range(6)]
    # The lexicon's counts come from a rebuild: then "stadt" is known to be common.
    backend.rebuild(iter([documents]))

    results = backend.search(SearchQuery(parsed=parse_query("Stadt")))
    assert results.total_is_lower_bound
    assert results.total == 4  # counted up to the limit, plus one to know it is more
    assert sum(value.count for value in results.facets["kind"]) == 4
    assert len(results.hits) == 6

    rare = backend.search(SearchQuery(parsed=parse_query("Stadt 5")))
    assert not rare.total_is_lower_bound


def test_exact_counting_when_the_limit_is_off(settings, db):
    from search.backends import get_backend

    settings.PORTAL_SEARCH_BACKEND = "postgres"
    settings.PORTAL_SEARCH_EXACT_COUNT_LIMIT = 0
    backend = get_backend()
    backend.rebuild(iter([[make_document(f"Stadt {n}", "Die Stadt") for n in range(6)]]))
    results = backend.search(SearchQuery(parsed=parse_query("Stadt")))
    assert (results.total, results.total_is_lower_bound) == (6, False)


def test_contributions_match_their_own_words_not_their_projects_title(backend, indexed):
    # The project's name is shown with each hit ("in ..."), and the project
    # facet narrows to it; matching it would list every comment of the
    # project for its name, ahead of texts that say the word.
    indexed(
        make_document("Ampel zu kurz", "Die Ampel am Anger.", project_title="Sichere Innenstadt"),
        make_document("Innenstadt autofrei", "Die Innenstadt braucht mehr Platz."),
    )
    assert found(backend, "Innenstadt") == ["Innenstadt autofrei"]
