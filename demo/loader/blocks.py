"""The data files' short forms of StreamField blocks and project phases.

A block is a mapping whose first key names its type and holds its main
value; the other keys are options::

    - h2: Worum geht es?
    - image: radweg
      caption: Sichere Wege für alle.
    - call_to_action: Alle Projekte auf einen Blick
      link_label: Zur Projektübersicht
      page: projekte

``demo_note`` alone stands for the note that marks a text as the demo's.
Images, documents and pages are still keys of the data here; the page
loader swaps in the objects once they exist.
"""

from django.utils.html import escape

from .data import read

DEMO_NOTE = ("paragraph", read("site")["demo_note"])
# The demo's illustrations are generated (demo/imagery/); their licence is in media.yaml.
IMAGE_CREDIT = read("media")["image_licence"]["credit"]


def stream(entries: list) -> list[tuple[str, object]]:
    """(block_type, value) pairs, as a StreamField takes them."""
    return [block(entry) for entry in entries]


def block(entry) -> tuple[str, object]:
    if entry == "demo_note":
        return DEMO_NOTE
    kind, main = next(iter(entry.items()))
    options = {key: value for key, value in entry.items() if key != kind}
    return BUILDERS[kind](main, **options)


def heading(level: str):
    return lambda words: ("heading", {"text": words, "level": level})


def text(html):
    return ("paragraph", html)


def bullets(items, before="", after=""):
    """A paragraph block with a list of plain-text items (escaped here)."""
    return text(before + bullet_list(items) + after)


def bullet_list(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def image(key, caption="", credit=IMAGE_CREDIT, alt=""):
    return ("image", {"image": key, "alt": alt, "caption": caption, "credit": credit})


def quote(words, attribution=""):
    return ("quote", {"text": words, "attribution": attribution})


def video(url, title, transcript):
    return ("embed", {"url": url, "title": title, "transcript": transcript})


def document(key, title="", description=""):
    return ("document", {"document": key, "title": title, "description": description})


def call_to_action(heading, link_label, page=None, url="", words=""):
    """Give either ``page`` (the slug of a page loaded) or ``url``, not both."""
    value = {"heading": heading, "text": words, "link_label": link_label, "page": page, "url": url}
    return ("call_to_action", value)


def faq(items, heading=""):
    value = [{"question": item["question"], "answer": item["answer"]} for item in items]
    return ("faq", {"heading": heading, "items": value})


def key_figures(heading, sections=(), department=None):
    """Live figures of the report's year; ``department`` is a unit's key (empty: the city)."""
    value = {"heading": heading, "sections": list(sections), "department": department}
    return ("key_figures", value)


BUILDERS = {
    "h2": heading("h2"),
    "h3": heading("h3"),
    "text": text,
    "bullets": bullets,
    "image": image,
    "quote": quote,
    "video": video,
    "document": document,
    "call_to_action": call_to_action,
    "faq": faq,
    "key_figures": key_figures,
}


def phase(entry: dict) -> dict:
    """``inform: <title>`` (no participation) or ``participate: <title>``; ``days`` are its
    first and last day, counted from the day the content is loaded (negative: in the past)."""
    allows_participation = "participate" in entry
    start, end = entry["days"]
    return {
        "title": entry["participate" if allows_participation else "inform"],
        "start": start,
        "end": end,
        "description": entry.get("description", ""),
        "allows_participation": allows_participation,
    }
