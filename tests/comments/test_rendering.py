"""Comment text becomes HTML: escaped, line breaks kept, addresses linked (nofollow ugc)."""

import pytest

from comments.rendering import render_body


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Hallo", "<p>Hallo</p>"),
        ("Zeile 1\nZeile 2", "<p>Zeile 1<br>Zeile 2</p>"),
        ("Absatz 1\r\n\r\nAbsatz 2", "<p>Absatz 1</p><p>Absatz 2</p>"),
        ("a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"),
        (
            "Siehe https://jena.de/radwege.",
            '<p>Siehe <a href="https://jena.de/radwege" rel="nofollow ugc">'
            "https://jena.de/radwege</a>.</p>",
        ),
        (
            "(http://example.org/a?b=1&c=2)",
            '<p>(<a href="http://example.org/a?b=1&amp;c=2" rel="nofollow ugc">'
            "http://example.org/a?b=1&amp;c=2</a>)</p>",
        ),
        ("ftp://example.org und www.example.org", "<p>ftp://example.org und www.example.org</p>"),
        ("", ""),
    ],
)
def test_render_body(text, html):
    assert str(render_body(text)) == html


def test_long_addresses_are_shortened_in_the_link_text_only():
    url = "https://example.org/" + "a" * 100
    html = str(render_body(url))
    assert f'href="{url}"' in html
    assert "…</a>" in html
