"""Highlights mark every spelling and form of a matched stem; the text stays escaped."""

from search.highlight import Highlighter


def test_marks_inflections_compounds_and_spellings():
    highlighter = Highlighter(["radweg", "strasse"])
    marked = highlighter.mark("Radwege an der Straße, das Fahrradwegenetz und die Strasse.")
    assert marked == (
        "<mark>Radwege</mark> an der <mark>Straße</mark>, das <mark>Fahrradwegenetz</mark> "
        "und die <mark>Strasse</mark>."
    )


def test_umlauts_in_stems_match_both_spellings():
    marked = Highlighter(["buergerbeteilig"]).mark("Bürgerbeteiligung und Buergerbeteiligung")
    assert marked == "<mark>Bürgerbeteiligung</mark> und <mark>Buergerbeteiligung</mark>"


def test_short_terms_match_whole_words_only():
    assert Highlighter(["am"]).mark("am Markt") == "<mark>am</mark> Markt"


def test_text_is_escaped_and_only_mark_tags_are_added():
    marked = Highlighter(["script"]).mark('<script>alert("x")</script> Skript')
    assert "<script>" not in marked
    assert marked.startswith("&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)")


def test_terms_are_not_regular_expressions():
    assert Highlighter([".*", "a+b"]).mark("nichts hier, aab") == "nichts hier, aab"


def test_excerpt_centres_on_the_first_match():
    text = (
        " ".join(f"wort{n}" for n in range(100))
        + " Radweg "
        + " ".join(f"rest{n}" for n in range(100))
    )
    excerpt = Highlighter(["radweg"]).excerpt(text, length=9)
    assert excerpt == "… wort97 wort98 wort99 <mark>Radweg</mark> rest0 rest1 rest2 rest3 rest4 …"


def test_excerpt_without_match_is_the_beginning():
    assert Highlighter(["zebra"]).excerpt("eins zwei drei vier", length=2) == "eins zwei …"
    assert Highlighter([]).excerpt("eins zwei", length=5) == "eins zwei"
