"""Comment text to HTML: escaped, line breaks kept, web addresses linked.

Comments are stored exactly as typed and only turned into HTML here. The
text is escaped piece by piece around the links we create ourselves, and the
result goes through nh3 with a tiny allowlist as a second line of defence:
whatever slips past the first step, no tag, attribute or URL scheme outside
the allowlist survives.
"""

import functools
import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# http(s) addresses up to the next whitespace or character that cannot be
# part of an address in running text.
URL_PATTERN = re.compile(r"""https?://[^\s<>"'`]+""", re.IGNORECASE)
# Punctuation that usually ends the sentence rather than the address.
TRAILING_PUNCTUATION = ".,;:!?'\")]}"
LINK_REL = "nofollow ugc"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https"}
MAX_LINK_TEXT = 60


def _split_trailing_punctuation(url: str) -> tuple[str, str]:
    trail = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        # Keep a closing bracket that belongs to the address (Wikipedia-style links).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trail = url[-1] + trail
        url = url[:-1]
    return url, trail


def _link(url: str) -> str:
    text = url if len(url) <= MAX_LINK_TEXT else url[: MAX_LINK_TEXT - 1] + "…"
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def linkify(text: str) -> str:
    """Escaped ``text`` with http(s) addresses as links."""
    parts = []
    position = 0
    for match in URL_PATTERN.finditer(text):
        url, trail = _split_trailing_punctuation(match.group(0))
        if "://" not in url or url.endswith("://"):
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(_link(url))
        parts.append(escape(trail))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def render_body(text: str) -> SafeString:
    """Paragraphs at blank lines, <br> at single line breaks, links with rel="nofollow ugc"."""
    return mark_safe(_rendered(text))  # noqa: S308 - sanitised by nh3 (see _rendered)


# A pure function of the text: the same comment is rendered for many readers.
@functools.lru_cache(maxsize=4096)
def _rendered(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = [part.strip("\n") for part in re.split(r"\n\s*\n", text) if part.strip()]
    html = "".join(
        "<p>{}</p>".format("<br>".join(linkify(line) for line in paragraph.split("\n")))
        for paragraph in paragraphs
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return cleaned
