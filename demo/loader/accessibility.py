"""The accessibility statement of the demo city (demo/data/accessibility.yaml)."""

from datetime import date

from django.utils import formats, translation

from .blocks import stream
from .data import read

ACCESSIBILITY = read("accessibility")
STATEMENT = ACCESSIBILITY["statement"]


def accessibility_statement(today: date) -> dict:
    """The statement page, written on every load with the day of loading.

    What it says was tested must be what the browser audit runs
    (tests/accessibility/test_statement_coverage.py holds it to that).
    """
    with translation.override("de"):
        created = formats.date_format(today, "j. F Y")
    placeholders = {"created": created, "axe_core_version": ACCESSIBILITY["axe_core_version"]}
    return STATEMENT | {
        "body": [
            (block_type, value.format_map(placeholders) if block_type == "paragraph" else value)
            for block_type, value in stream(STATEMENT["body"])
        ]
    }
