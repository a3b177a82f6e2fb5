"""The theme's colour pairs meet WCAG 2.1 AA, computed from the variables in portal.css.

Text needs 4.5:1 against its background, large or bold UI text and
non-text parts (borders of inputs, focus rings) 3:1. Every demo theme
(demo/data/themes.yaml) is checked too: portal.css's values with the colours
the theme stylesheet sets (theming.colours.derived).
"""

import re
from pathlib import Path

import pytest
import yaml

from theming.colours import contrast, derived

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "static" / "css" / "portal.css"
THEMES = yaml.safe_load((ROOT / "demo" / "data" / "themes.yaml").read_text(encoding="utf-8"))


def palette() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})", root))


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
    ("focus", "primary", 3.0, "focus halo in the header"),
    ("primary-dark", "background", 4.5, "links on hover"),
    ("secondary", "background", 3.0, "accent line under the header"),
    ("secondary", "surface", 3.0, "accent line above the footer"),
    ("on-secondary", "secondary", 4.5, "text on the secondary colour"),
    ("on-status", "status-upcoming", 4.5, "badge of an upcoming project"),
    ("error", "error-surface", 4.5, "error summary"),
    ("text", "success-surface", 4.5, "official comments"),
]


def themed(name: str) -> dict[str, str]:
    theme = THEMES[name]
    return {**COLOURS, **derived(theme["primary_colour"], theme["secondary_colour"])}


PALETTES = {"portal.css": COLOURS} | {f"demo theme {name}": themed(name) for name in THEMES}


@pytest.mark.parametrize("palette_name", PALETTES)
@pytest.mark.parametrize(("foreground", "background", "minimum", "where"), PAIRS)
def test_pair_meets_wcag_aa(palette_name, foreground, background, minimum, where):
    colours = PALETTES[palette_name]
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= minimum, f"{palette_name}, {where}: {ratio:.2f}:1 < {minimum}:1"


def test_every_demo_theme_is_checked():
    assert {"standard", "jena"} <= set(THEMES)
    assert themed("jena")["primary"] != COLOURS["primary"]


@pytest.mark.parametrize("palette_name", PALETTES)
@pytest.mark.parametrize("status", ["open", "upcoming", "evaluation", "finished"])
def test_white_text_on_status_badges(palette_name, status):
    assert contrast(WHITE, PALETTES[palette_name][f"status-{status}"]) >= 4.5


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_the_checks_use_portal_css_fixed_colours():
    from theming import colours

    assert COLOURS["background"] == colours.BACKGROUND
    assert COLOURS["surface"] == colours.SURFACE
    assert COLOURS["focus"] == colours.FOCUS_HALO
    assert COLOURS["focus-ring"] == colours.FOCUS_RING
    assert COLOURS["text"] == colours.DARK_TEXT
