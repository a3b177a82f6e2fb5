"""The accessibility statement claims what the tests check, no more and no less.

tests/browser/accessibility_inventory.py lists the audited pages, the extra
checks and the journeys; the statement of the demo content
(demo/data/accessibility.yaml) must list exactly those, and here each entry
is tied to the test that makes it true.
"""

import ast
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup

from demo.loader.accessibility import accessibility_statement
from tests.browser import accessibility_inventory as audit
from tests.browser.test_accessibility_audit import CHECKS, VISITS

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
# Made outside the page audit, by these tests.
CHECKED_ELSEWHERE = {"palette_contrast": BROWSER_TESTS.parent / "pages" / "test_palette.py"}
TEMPLATE_SECTIONS = [
    "Stand der Vereinbarkeit mit den Anforderungen",
    "Nicht barrierefreie Inhalte",
    "Erstellung dieser Erklärung",
    "Feedback und Kontaktangaben",
    "Schlichtungsverfahren",
]


def journey_marks() -> dict[str, list[str]]:
    """Journey key -> the browser tests marked with it, read from the source."""
    found: dict[str, list[str]] = {}
    for path in sorted(BROWSER_TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (
                    isinstance(decorator, ast.Call)
                    and ast.unparse(decorator.func) == "pytest.mark.journey"
                ):
                    found.setdefault(decorator.args[0].value, []).append(node.name)
    return found


def statement_sections() -> dict[str, list[str]]:
    """Heading -> the list items below it, from the statement's blocks."""
    sections: dict[str, list[str]] = {}
    heading = None
    for block_type, value in accessibility_statement(date(2026, 11, 27))["body"]:
        if block_type == "heading":
            heading = value["text"]
            sections[heading] = []
        elif heading is not None:
            items = BeautifulSoup(value, "html.parser").find_all("li")
            sections[heading] += [item.get_text() for item in items]
    return sections


def statement_text() -> str:
    body = accessibility_statement(date(2026, 11, 27))["body"]
    return " ".join(
        BeautifulSoup(value, "html.parser").get_text() if isinstance(value, str) else ""
        for _type, value in body
    )


def test_every_audited_page_has_a_visit_and_no_visit_is_unlisted():
    assert list(VISITS) == audit.keys(audit.AUDITED_PAGES)


def test_every_extra_check_is_made():
    assert set(CHECKS) | set(CHECKED_ELSEWHERE) == set(audit.keys(audit.EXTRA_CHECKS))
    assert not set(CHECKS) & set(CHECKED_ELSEWHERE)
    keyboard_journeys = (BROWSER_TESTS / "test_keyboard_journeys.py").read_text()
    assert "assert_focus_always_visible" in keyboard_journeys
    assert "def test_pair_meets_wcag_aa" in CHECKED_ELSEWHERE["palette_contrast"].read_text()


def test_every_journey_is_played_by_a_browser_test():
    marks = journey_marks()
    assert set(marks) == set(audit.keys(audit.JOURNEYS))
    assert len(marks["error_paths"]) >= 4, marks["error_paths"]


def test_statement_follows_the_template_and_lists_exactly_the_coverage():
    sections = statement_sections()
    assert [heading for heading in sections if heading in TEMPLATE_SECTIONS] == TEMPLATE_SECTIONS
    assert sections["Geprüfte Seitentypen und Zustände"] == [
        entry.label for entry in audit.AUDITED_PAGES
    ]
    assert sections["Zusätzliche Prüfungen"] == [entry.label for entry in audit.EXTRA_CHECKS]
    assert sections["Geprüfte Nutzerwege"] == [entry.label for entry in audit.JOURNEYS]
    assert sections["Was die automatisierten Prüfungen nicht abdecken"] == list(audit.NOT_COVERED)
    assert sections["Nicht barrierefreie Inhalte"], "known barriers are listed"


def test_statement_names_date_tool_and_standard():
    text = statement_text()
    assert "Diese Erklärung wurde am 27. November 2026 erstellt." in text
    assert f"axe-core (Version {audit.AXE_CORE_VERSION})" in text
    assert "WCAG 2.1" in text and "A und AA" in text
    assert "teilweise" in text
