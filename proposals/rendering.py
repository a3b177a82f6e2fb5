"""A proposal's description to HTML: paragraphs, line breaks and links, sanitised by nh3.

Stored as typed (after ``participation.text_hygiene``), turned into HTML
only here: escaped around the links we make ourselves, then nh3 with a
tiny allowlist as a second line of defence. The same shape as
``comments.rendering``, which this app may not import (the participation
formats are independent); moving both into the kernel is a later refactor.
"""

import functools
import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

URL_PATTERN = re.compile(r"""https?://[^\s<>"'`]+""", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?'\")]}"
MAX_LINK_TEXT = 60


def _link(url: str) -> str:
    text = url if len(url) <= MAX_LINK_TEXT else url[: MAX_LINK_TEXT - 1] + "…"
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def linkify(line: str) -> str:
    parts, position = [], 0
    for match in URL_PATTERN.finditer(line):
        url = match.group(0).rstrip(TRAILING_PUNCTUATION)
        if url.endswith("://"):
            continue
        parts += [escape(line[position : match.start()]), _link(url)]
        position = match.start() + len(url)
    parts.append(escape(line[position:]))
    return "".join(parts)


def render_description(text: str) -> SafeString:
    return mark_safe(_rendered(text))  # noqa: S308 - sanitised by nh3 (see _rendered)


@functools.lru_cache(maxsize=1024)
def _rendered(text: str) -> str:
    paragraphs = [part.strip("\n") for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    html = "".join(
        "<p>{}</p>".format("<br>".join(linkify(line) for line in paragraph.split("\n")))
        for paragraph in paragraphs
    )
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc",
        strip_comments=True,
    )
