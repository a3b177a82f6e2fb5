"""Colour maths of the theme: WCAG 2.1 contrast, derived colours, the checks and suggestions.

Pure functions on ``#rrggbb`` strings, no Django: the settings form, the theme
stylesheet and the palette test (tests/pages/test_palette.py) share them.

Text needs 4.5:1 against its background; non-text parts (focus rings, accent
borders) 3:1 (WCAG 2.1 SC 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
TEXT = 4.5
NON_TEXT = 3.0

# The fixed colours of portal.css that the entered colours meet (its :root).
WHITE = "#ffffff"
DARK_TEXT = "#1b1f24"
BACKGROUND = WHITE
SURFACE = "#f3f5f7"
FOCUS_HALO = "#ffbf47"
FOCUS_RING = DARK_TEXT


def is_hex(value: str) -> bool:
    return bool(HEX.match(value or ""))


def normalise(value: str) -> str:
    """``#ABC`` or ``#AABBCC`` (any case) as ``#aabbcc``; anything else unchanged."""
    value = (value or "").strip()
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.1)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def to_hls(hex_colour: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))


def from_hls(hue: float, lightness: float, saturation: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def on_colour(background: str) -> str:
    """The text colour for a coloured surface: white or the dark text, whichever contrasts more."""
    return max((WHITE, DARK_TEXT), key=lambda text: contrast(text, background))


def darker(hex_colour: str, factor: float = 0.75) -> str:
    """The hover variant: the same hue and saturation, lightness times ``factor``."""
    hue, lightness, saturation = to_hls(hex_colour)
    return from_hls(hue, lightness * factor, saturation)


def derived(primary: str, secondary: str) -> dict[str, str]:
    """Every colour the theme stylesheet sets, by its custom property name (without --color-)."""
    primary_dark = darker(primary)
    return {
        "primary": primary,
        "primary-dark": primary_dark,
        "on-primary": on_colour(primary),
        "secondary": secondary,
        "on-secondary": on_colour(secondary),
        "status-upcoming": primary,
    }


@dataclass(frozen=True)
class Use:
    """One place where an entered colour meets another one."""

    where: str  # English, shown through gettext by the form
    minimum: float
    pair: callable  # colour -> (foreground, background)


def _primary_uses() -> list[Use]:
    return [
        Use("links on the page background", TEXT, lambda c: (c, BACKGROUND)),
        Use("links in boxes and the footer", TEXT, lambda c: (c, SURFACE)),
        Use("text on the primary colour (header, buttons)", TEXT, lambda c: (on_colour(c), c)),
        Use(
            "text on the hover colour of buttons",
            TEXT,
            lambda c: (on_colour(c), darker(c)),
        ),
        Use("links on hover", TEXT, lambda c: (darker(c), BACKGROUND)),
        # The focus ring (FOCUS_RING on FOCUS_HALO, on the background) does not depend on
        # the entered colours; in the header the halo meets the primary colour.
        Use("focus highlight in the header", NON_TEXT, lambda c: (FOCUS_HALO, c)),
    ]


def _secondary_uses() -> list[Use]:
    return [
        Use("accent line on the page background", NON_TEXT, lambda c: (c, BACKGROUND)),
        Use("accent line on boxes and the footer", NON_TEXT, lambda c: (c, SURFACE)),
        Use("text on the secondary colour", TEXT, lambda c: (on_colour(c), c)),
    ]


USES = {"primary": _primary_uses(), "secondary": _secondary_uses()}


@dataclass(frozen=True)
class Failure:
    where: str
    ratio: float
    minimum: float


def failures(role: str, colour: str) -> list[Failure]:
    """Every use of ``colour`` as the ``role`` ("primary", "secondary") that misses its ratio."""
    found = []
    for use in USES[role]:
        ratio = contrast(*use.pair(colour))
        if ratio < use.minimum:
            found.append(Failure(use.where, ratio, use.minimum))
    return found


def suggestion(role: str, colour: str) -> str | None:
    """The colour of the same hue and saturation with the nearest lightness that passes."""
    hue, lightness, saturation = to_hls(colour)
    for step in range(1, 201):
        for candidate_lightness in (lightness - step / 200, lightness + step / 200):
            if not 0 <= candidate_lightness <= 1:
                continue
            candidate = from_hls(hue, candidate_lightness, saturation)
            if not failures(role, candidate):
                return candidate
    return None
