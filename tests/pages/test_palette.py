"""The theme's colour pairs meet WCAG 2.1 AA, computed from the variables in portal.css.

Text needs 4.5:1 against its background, large or bold UI text and
non-text parts (borders of inputs, focus rings) 3:1.
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def palette() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


COLOURS = palette()
WHITE = "#ffffff"

# (foreground, background, minimum ratio, where)
PAIRS = [
    ("text", "background", 4.5, "body text"),
    ("text", "surface", 4.5, "text in boxes and the footer"),
    ("muted", "background", 4.5, "help texts, dates"),
    ("muted", "surface", 4.5, "muted text in boxes"),
    ("primary", "background", 4.5, "links"),
    ("primary", "surface", 4.5, "links in boxes"),
    ("on-primary", "primary", 4.5, "header and buttons"),
    ("on-primary", "primary-dark", 4.5, "buttons on hover"),
    ("error", "background", 4.5, "error messages"),
    ("success", "background", 4.5, "success marks"),
    ("status-open", "background", 4.5, "current phase label"),
    ("border", "background", 3.0, "input borders, card edges"),
    ("focus-ring", "focus", 3.0, "focus ring on its halo"),
    ("focus-ring", "background", 3.0, "focus ring on the page"),
    ("text", "focus", 4.5, "skip link"),
]


@pytest.mark.parametrize(("foreground", "background", "minimum", "where"), PAIRS)
def test_pair_meets_wcag_aa(foreground, background, minimum, where):
    ratio = contrast(COLOURS[foreground], COLOURS[background])
    assert ratio >= minimum, f"{where}: {ratio:.2f}:1 < {minimum}:1"


@pytest.mark.parametrize("status", ["open", "upcoming", "evaluation", "finished"])
def test_white_text_on_status_badges(status):
    assert contrast(WHITE, COLOURS[f"status-{status}"]) >= 4.5


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48
