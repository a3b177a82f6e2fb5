"""participation.text_hygiene: what is removed, what is kept, what is refused."""

import pytest

from participation.text_hygiene import MAX_COMBINING_MARKS, TextRefused, clean_text, is_blank

ZWJ, ZWNJ = "\u200d", "\u200c"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # Bidirectional embeddings, overrides and isolates ("Trojan Source").
        ("a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef"),
        ("a\u2066b\u2067c\u2068d\u2069e\u061cf", "abcdef"),
        # Zero-width and invisible format characters, Hangul fillers.
        ("a\u200bb\u200ec\u200fd\u2060e\u2063f\ufeffg\u180eh\u034fi", "abcdefghi"),
        ("Name\u3164\uffa0\u115f\u1160", "Name"),
        # Controls other than tab and line break; line breaks normalised; trimmed.
        ("  a\x07b\tc\r\nd\re\x1b\x85  ", "ab\tc\nd\ne"),
        # NFC: a decomposed umlaut is stored composed.
        ("Mu\u0308ller", "Müller"),
        # Joiners only where writing needs them.
        (f"a{ZWJ}b{ZWNJ}c", "abc"),
        (f"👩{ZWJ}💻 🏳\ufe0f{ZWJ}🌈", f"👩{ZWJ}💻 🏳\ufe0f{ZWJ}🌈"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u200d\u0937"),  # Devanagari half form
        # Real text with marks stays: Vietnamese, a keycap emoji, Hebrew with points.
        ("Tiếng Việt", "Tiếng Việt"),
        ("1\ufe0f\u20e3", "1\ufe0f\u20e3"),
        (
            "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd",
            "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd",
        ),
    ],
)
def test_what_is_removed_and_what_is_kept(typed, stored):
    assert clean_text(typed) == stored


def test_a_few_marks_are_fine_a_stack_is_refused():
    # "q" has no precomposed forms with these marks, so NFC leaves all of them.
    marks = "\u0300\u0301\u0302\u0303\u0304\u0305"
    assert clean_text("q" + marks[:MAX_COMBINING_MARKS]) == "q" + marks[:MAX_COMBINING_MARKS]
    with pytest.raises(TextRefused) as refused:
        clean_text("q" + marks[: MAX_COMBINING_MARKS + 1])
    assert refused.value.code == "text_too_many_marks"


def test_a_null_character_is_refused():
    with pytest.raises(TextRefused) as refused:
        clean_text("a\x00b")
    assert refused.value.code == "text_null_character"


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), (" \n\t", True), ("\u0301\u0302", True), ("\u2800", False), (".", False)],
)
def test_blank_means_nothing_visible(text, blank):
    assert is_blank(text) == blank
