"""The audit's tools find what they look for: planted faults on pages written here.

Without these, a silent audit (a script that never ran, a selector that
matches nothing) would look like a clean one.
"""

from pathlib import Path

import pytest

from tests.browser.accessibility_inventory import AXE_CORE_VERSION
from tests.browser.axe import AXE_SCRIPT, AXE_SRI, format_violations, run_axe, sri
from tests.browser.checks import (
    error_problems,
    focus_problems,
    heading_problems,
    image_problems,
    language_problems,
    reflow_problems,
)

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def show(page, body: str, lang: str = "de", head: str = "") -> None:
    page.set_content(
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Test</title>{head}</head>'
        f"<body><main>{body}</main></body></html>"
    )


def test_vendored_axe_is_the_released_file():
    content = AXE_SCRIPT.read_bytes()
    assert sri(content) == AXE_SRI
    assert content.startswith(f"/*! axe v{AXE_CORE_VERSION}".encode())
    assert b"Mozilla Public" in content[:400], "the MPL-2.0 notice must stay in the file"


def test_axe_reports_rule_ids_and_targets(page):
    show(
        page,
        '<h1>Test</h1><img src="data:," id="photo"><button id="empty"></button>'
        '<p style="color: #aaaaaa">grey on white</p>',
    )
    violations = {violation.rule: violation for violation in run_axe(page)}
    assert {"image-alt", "button-name", "color-contrast"} <= set(violations)
    assert violations["image-alt"].targets == ("#photo",)
    report = format_violations(list(violations.values()), "the test page")
    assert "image-alt" in report and "#photo" in report and "button-name" in report


def test_axe_passes_a_clean_page(page):
    show(page, "<h1>Test</h1><p>Alles in Ordnung.</p>")
    assert run_axe(page) == []


def test_language_check(page):
    show(page, "<h1>Test</h1>", lang="")
    assert language_problems(page)
    show(page, "<h1>Test</h1>", lang="en")
    assert language_problems(page, "en") == []
    assert language_problems(page, "de")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>", []),
        ("<h1>A</h1><h3>C</h3>", ["h1 'A' is followed by h3 'C'"]),
        ("<h2>B</h2><h1>A</h1>", ["first heading is h2: 'B'"]),
        ("<h1>A</h1><h1>B</h1>", ["2 h1 headings: ['A', 'B']"]),
        ('<h1>A</h1><h2 style="display: none">x</h2><h2>B</h2>', []),
        ('<h1>A</h1><div role="heading" aria-level="4">D</div>', ["h1 'A' is followed by h4 'D'"]),
    ],
)
def test_heading_check(page, body, expected):
    show(page, body)
    assert heading_problems(page) == expected


def test_image_check(page):
    show(
        page,
        '<img src="a.png"><img src="b.png" alt=""><img src="c.png" alt="" class="hero__image">'
        '<img src="d.png" alt="IMG_0042.jpg"><img src="e.png" alt="Ein Radweg">'
        '<svg viewBox="0 0 1 1"></svg><svg aria-hidden="true"></svg>'
        '<svg role="img" aria-label="Karte"></svg>',
    )
    problems = image_problems(page)
    assert problems == [
        "img without alt: a.png",
        "img with empty alt outside the decorative places: b.png",
        "img whose alt text is a file name: IMG_0042.jpg",
        "svg (role=None) without a name or aria-hidden",
    ]


def test_error_check(page):
    show(page, '<form><ul class="errorlist"><li>Pflichtfeld</li></ul><input></form>')
    assert error_problems(page) == [
        "error not announced (no alert/live region, not focused): 'Pflichtfeld'"
    ]
    show(
        page,
        '<div class="form-errors" role="alert"><p>Bitte prüfen</p><ul><li>Pflichtfeld</li></ul>'
        '</div><ul class="errorlist" id="e"><li>Pflichtfeld</li></ul>'
        '<input name="q" aria-invalid="true" aria-describedby="e">',
    )
    assert error_problems(page) == []
    show(page, '<div role="alert"><p>x</p></div><input name="q" aria-invalid="true">')
    assert error_problems(page) == [
        "no error message is shown",
    ]
    show(
        page,
        '<div class="form-errors" role="alert"><p>Fehler</p></div>'
        '<input name="q" aria-invalid="true">',
    )
    assert error_problems(page) == ["invalid field 'q' is not described by its error"]


def test_focus_check(page):
    show(
        page,
        '<a href="#a" id="plain" style="outline: none">plain</a>'
        '<a href="#b" id="ringed" style="outline: 3px solid black">ringed</a>'
        '<div style="height: 3000px"></div><a href="#c" id="far">far</a>',
        head="<style>a:focus { outline: none; }</style>",
    )
    assert focus_problems(page) == ["nothing has the focus"]
    page.focus("#plain")
    assert focus_problems(page) == ["no visible focus indicator on <a> 'plain'"]
    page.evaluate("document.querySelector('#far').style.outline = '2px solid red'")
    page.evaluate("document.querySelector('#far').focus({preventScroll: true})")
    assert focus_problems(page) == ["focused <a> 'far' is outside the viewport"]


def test_portal_theme_shows_focus(page):
    show(page, '<a href="#x">Link</a>', head=f"<style>{CSS.read_text()}</style>")
    page.keyboard.press("Tab")
    assert focus_problems(page) == []


def test_reflow_check(page):
    show(page, '<p style="width: 500px">wide</p>')
    assert reflow_problems(page) == ["wider than 320px: p (508px)"]
    show(page, "<p>narrow enough</p>")
    assert reflow_problems(page) == []
