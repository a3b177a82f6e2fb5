"""The Elasticsearch backend's searches, against canned responses (no server).

Which requests it sends (full, typo-tolerant, partial) and what it reads
from the answers: totals, missing words, corrections.
"""

import pytest

from search.backends.base import SearchQuery
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.text import parse_query


def response(total, hits=(), suggest=None):
    body = {"hits": {"total": {"value": total}, "hits": list(hits)}, "aggregations": {}}
    if suggest is not None:
        body["suggest"] = suggest
    return body


def raw_hit(key, title, body="", matched=("group-0",)):
    return {
        "_id": key,
        "_score": 1.0,
        "matched_queries": list(matched),
        "_source": {
            "key": key,
            "kind": "comment",
            "title": title,
            "body": body,
            "url": f"/{key}/",
            "published_at": "2026-12-01T10:00:00+00:00",
        },
    }


def known(*counts):
    """The answer to the known-words check: how many visible documents match each word."""
    buckets = {f"word-{index}": {"doc_count": count} for index, count in enumerate(counts)}
    return {"hits": {"hits": []}, "aggregations": {"known": {"buckets": buckets}}}


def suggestion(text, *options):
    return [
        {
            "text": text,
            "offset": 0,
            "length": len(text),
            "options": [{"text": option, "score": 0.8, "freq": 3} for option in options],
        }
    ]


class FakeReader:
    """Answers searches in turn and keeps the request bodies."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.bodies = []

    def search(self, index, body):
        self.bodies.append(body)
        return self.answers.pop(0)


@pytest.fixture
def backend(monkeypatch):
    backend = ElasticsearchSearchBackend(url="http://127.0.0.1:9", alias="portal-test")
    monkeypatch.setattr(backend, "ensure_index", lambda client=None: None)
    return backend


def search(backend, raw, *answers, **kwargs):
    backend.reader = FakeReader(*answers)
    return backend.search(SearchQuery(parsed=parse_query(raw), **kwargs)), backend.reader.bodies


def fuzzy_words(body) -> set[str]:
    words = set()
    for clause in body["query"]["bool"].get("should", []):
        clause = clause["bool"]["should"][1] if "_name" not in clause["bool"] else clause
        for part in clause["bool"]["should"]:
            match = part.get("multi_match", {})
            if "fuzziness" in match:
                words.add(match["query"])
    return words


def test_a_word_nobody_wrote_is_corrected_and_said_so(backend):
    found = [
        raw_hit(
            "c:1", "Spielplätze", "Die Spielplätze in Winzerla.", matched=("group-0", "group-1")
        )
    ]
    suggestions = {
        "word-0-0": suggestion("spielplatze"),
        "word-1-0": suggestion("winzrela", "winzerla", "winzerle"),
    }
    results, bodies = search(
        backend,
        "Spielplätze Winzrela",
        response(0, suggest=suggestions),
        known(0),
        response(1, found),
        response(1, found),  # the partial search finds no more
    )
    assert "suggest" in bodies[0]
    assert list(bodies[1]["aggs"]["known"]["filters"]["filters"]) == ["word-0"]
    assert bodies[1]["size"] == 0
    assert [fuzzy_words(body) for body in bodies[2:]] == [{"winzrela"}, {"winzrela"}]
    assert [hit.title for hit in results.hits] == ["Spielplätze"]
    assert results.corrections == {"winzrela": "Winzerla"}
    assert results.corrections_applied
    assert results.did_you_mean == ["Winzerla"]
    assert "Winzerla" in results.highlight_terms
    assert not results.partial


def test_a_known_word_is_never_replaced(backend):
    results, bodies = search(
        backend,
        "Winzerla",
        response(
            2,
            [raw_hit("c:1", "Winzerla"), raw_hit("c:2", "Winzerla")],
            suggest={"word-0-0": suggestion("winzerla")},
        ),
    )
    assert len(bodies) == 1
    assert results.corrections == {}
    assert not results.corrections_applied


def test_no_typos_when_the_words_already_found_something(backend):
    # "Radw" has options (nobody wrote it) but finds Radweg as a prefix.
    results, bodies = search(
        backend,
        "Radw",
        response(1, [raw_hit("c:1", "Radweg")], suggest={"word-0-0": suggestion("radw", "rad")}),
    )
    assert len(bodies) == 1
    assert results.corrections == {}


def test_an_inflected_form_nobody_wrote_is_no_typo(backend):
    # Nobody wrote "Spielplatz", but it matches "Spielplätze" by its stem.
    results, bodies = search(
        backend,
        "Spielplatz Winzrela",
        response(
            0,
            suggest={
                "word-0-0": suggestion("spielplatz", "spielplatze"),
                "word-1-0": suggestion("winzrela", "winzerla"),
            },
        ),
        known(1, 0),
        response(1, [raw_hit("c:1", "Spielplätze", "In Winzerla", matched=("group-0", "group-1"))]),
        response(1, [raw_hit("c:1", "Spielplätze", "In Winzerla", matched=("group-0", "group-1"))]),
    )
    checked = bodies[1]["aggs"]["known"]["filters"]["filters"]
    assert [words_of(clause) for clause in checked.values()] == [["spielplatz"], ["winzrela"]]
    assert [fuzzy_words(body) for body in bodies[2:]] == [{"winzrela"}, {"winzrela"}]
    assert results.corrections == {"winzrela": "Winzerla"}


def words_of(clause) -> list[str]:
    """Every "query" text inside a clause."""
    if isinstance(clause, dict):
        found = {clause["query"]} if isinstance(clause.get("query"), str) else set()
        for value in clause.values():
            found.update(words_of(value))
        return sorted(found)
    if isinstance(clause, list):
        return sorted({word for item in clause for word in words_of(item)})
    return []


def test_the_known_words_check_sees_what_the_viewer_may_see(backend):
    _results, bodies = search(
        backend,
        "Winzrela",
        response(0, suggest={"word-0-0": suggestion("winzrela", "winzerla")}),
        known(0),
        response(0),
    )
    assert bodies[1]["query"]["bool"]["filter"] == [
        {"bool": {"should": [{"term": {"audience": "public"}}], "minimum_should_match": 1}}
    ]


def test_a_correction_only_visible_elsewhere_is_not_told(backend):
    # The suggester knows restricted pages' words; no visible hit matched it.
    results, bodies = search(
        backend,
        "Geheimwrot",
        response(0, suggest={"word-0-0": suggestion("geheimwrot", "geheimwort")}),
        known(0),
        response(0),
    )
    assert len(bodies) == 3
    assert results.corrections == {}
    assert not results.corrections_applied


def test_partial_matches_follow_full_ones_and_name_their_missing_words(backend):
    results, bodies = search(
        backend,
        "Radweg oder Fußweg Lobeda Markt",
        response(
            1,
            [raw_hit("c:1", "Radweg Lobeda Markt", matched=("group-0", "group-1", "group-2"))],
            suggest={},
        ),
        response(
            3,
            [
                raw_hit("c:1", "Radweg Lobeda Markt", matched=("group-0", "group-1", "group-2")),
                raw_hit("c:2", "Fußweg Lobeda", matched=("group-0", "group-1")),
                raw_hit("c:3", "Lobeda am Markt", matched=("group-1", "group-2")),
            ],
        ),
    )
    assert len(bodies) == 2
    assert bodies[1]["query"]["bool"]["minimum_should_match"] == 2
    assert "suggest" not in bodies[1]
    assert results.partial
    assert results.total == 3
    assert [hit.missing_words for hit in results.hits] == [[], ["markt"], ["radweg", "fußweg"]]


def test_no_partial_search_for_one_group_or_a_full_page(backend):
    _results, bodies = search(backend, "Radweg", response(0, suggest={}))
    assert len(bodies) == 1
    full_page = [
        raw_hit(f"c:{n}", "Radweg Lobeda", matched=("group-0", "group-1")) for n in range(2)
    ]
    results, bodies = search(
        backend, "Radweg Lobeda", response(2, full_page, suggest={}), page_size=2
    )
    assert len(bodies) == 1
    assert not results.partial


def test_partial_results_replace_the_full_ones_only_when_they_find_more(backend):
    only = [raw_hit("c:1", "Radweg Lobeda", matched=("group-0", "group-1"))]
    results, bodies = search(
        backend, "Radweg Lobeda", response(1, only, suggest={}), response(1, only)
    )
    assert len(bodies) == 2
    assert not results.partial
    assert results.hits[0].missing_words == []


def test_unknown_words_stay_fuzzy_in_the_partial_search(backend):
    results, bodies = search(
        backend,
        "Radweg Winzrela",
        response(
            0,
            suggest={
                "word-0-0": suggestion("radweg"),
                "word-1-0": suggestion("winzrela", "winzerla"),
            },
        ),
        known(0),
        response(0),
        response(1, [raw_hit("c:1", "Winzerla", matched=("group-1",))]),
    )
    assert [fuzzy_words(body) for body in bodies[2:]] == [{"winzrela"}, {"winzrela"}]
    assert results.partial
    assert results.hits[0].missing_words == ["radweg"]
    assert results.corrections == {"winzrela": "Winzerla"}


def test_an_empty_query_asks_nothing(backend):
    results, bodies = search(backend, "und der")
    assert bodies == []
    assert results.total == 0
