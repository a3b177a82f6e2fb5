"""The fonts shipped with the portal (static/vendor/fonts/, SIL OFL; see its README.md)."""

from django.utils.translation import gettext_lazy as _

SYSTEM = "system"
SYSTEM_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

# Fontsource's subsets: latin covers German, latin-ext the names of other European languages.
UNICODE_RANGES = {
    "latin": (
        "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, "
        "U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, "
        "U+FEFF, U+FFFD"
    ),
    "latin-ext": (
        "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, "
        "U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, "
        "U+2113, U+2C60-2C7F, U+A720-A7FF"
    ),
}
WEIGHTS = (400, 700)

# key -> (family name, folder under static/vendor/fonts/)
FONTS = {
    "atkinson-hyperlegible": "Atkinson Hyperlegible",
    "source-sans-3": "Source Sans 3",
}

FONT_CHOICES = [
    (SYSTEM, _("System font of the device (no download)")),
    ("atkinson-hyperlegible", "Atkinson Hyperlegible"),
    ("source-sans-3", "Source Sans 3"),
]


def font_faces(key: str, static_url) -> list[dict]:
    """The @font-face rules of a shipped font: its subsets and weights, files by ``static_url``."""
    if key not in FONTS:
        return []
    return [
        {
            "family": FONTS[key],
            "weight": weight,
            "url": static_url(f"vendor/fonts/{key}/{key}-{subset}-{weight}-normal.woff2"),
            "unicode_range": UNICODE_RANGES[subset],
        }
        for subset in UNICODE_RANGES
        for weight in WEIGHTS
    ]


def font_stack(key: str) -> str:
    if key not in FONTS:
        return SYSTEM_STACK
    return f'"{FONTS[key]}", {SYSTEM_STACK}'
