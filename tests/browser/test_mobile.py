"""On a phone (390 x 844): the collapsed menu, the first screen and the page order (issue 19).

The header's menu, search and account links sit behind one "Menü" disclosure
(a <details> element: it works without JavaScript; portal.js adds Escape).
The first screen shows the title, the status and how to take part. The
source order is checked in tests/pages/test_page_order.py; here the browser
shows that it works with the keyboard and without horizontal scrolling.
Read only: the demo is shared by the module (``shared_portal``).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import KeyboardUser

pytestmark = pytest.mark.django_db

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}
OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def assert_on_first_screen(page, *locators) -> None:
    for locator in locators:
        expect(locator).to_be_visible()
        box = locator.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"below the first screen: {locator}"


def menu_parts(page):
    return (
        page.locator("details.site-menu"),
        page.locator("summary.site-menu__toggle"),
        page.get_by_role("navigation", name="Hauptnavigation"),
    )


@pytest.mark.journey("mobile")
def test_menu_and_taking_part_with_the_keyboard_on_a_phone(page, shared_portal):
    page.set_viewport_size(PHONE)
    page.goto(shared_portal.url + OPEN_PROJECT)
    menu, toggle, main_nav = menu_parts(page)
    assert page_width(page) <= PHONE["width"]
    expect(main_nav).to_be_hidden()
    taking_part = page.get_by_role("navigation", name="So können Sie sich beteiligen")
    assert_on_first_screen(
        page,
        page.get_by_role("heading", level=1, name="Radverkehrskonzept Innenstadt"),
        page.locator(".project__status .status-badge"),
        taking_part.get_by_role("link").first,
    )

    keys = KeyboardUser(page)
    assert keys.press("Tab")["text"] == "Zum Inhalt springen"
    keys.press("Tab")  # the brand link
    focus = keys.press("Tab")
    assert (focus["tag"], focus["text"]) == ("summary", "Menü")
    keys.press("Enter")
    expect(menu).to_have_attribute("open", "")
    expect(main_nav).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    focus = keys.press("Tab")
    assert focus["text"] == "Projekte"
    # Escape (portal.js) closes the menu and puts the focus back on its button.
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(toggle).to_be_focused()
    keys.check()

    keys.press("Space")
    expect(main_nav).to_be_visible()
    page.keyboard.press("Escape")
    expect(main_nav).to_be_hidden()

    # Past the closed menu the keyboard reaches the "how to take part" links next.
    visited = []
    keys.tab_to(lambda focus: visited.append(focus["text"]) or focus["text"] == "Diskussion")
    assert visited[-3:] == [
        "Umfrage: Wo fehlen sichere Radwege?",
        "Ideensammlung: Ideen für besseres Radfahren",
        "Diskussion",
    ]
    assert "Über das Portal" not in visited  # the closed menu's links are skipped
    keys.assert_focus_always_visible()
    page.keyboard.press("Enter")  # the link itself scrolls away: no focus check
    expect(page).to_have_url(re.compile("#comments$"))
    discussion = page.get_by_role("heading", level=2, name=re.compile("Diskussion"))
    assert_on_first_screen(page, discussion)

    # A link in the menu leads on; the next page starts with the menu closed.
    toggle.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projekte")
    expect(page.locator("details.site-menu")).not_to_have_attribute("open", "")
    expect(main_nav).to_be_hidden()


@pytest.mark.journey("mobile")
def test_menu_works_without_javascript_and_wide_screens_show_it_all(browser, shared_portal):
    context = browser.new_context(java_script_enabled=False, locale="de-DE", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(shared_portal.url + "/")
        menu, toggle, main_nav = menu_parts(page)
        assert page_width(page) <= PHONE["width"]
        expect(main_nav).to_be_hidden()
        assert_on_first_screen(
            page,
            page.get_by_role("heading", level=1),
            page.get_by_role("main").get_by_role("link", name="Alle Projekte", exact=True),
        )
        toggle.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("open", "")
        expect(main_nav.get_by_role("link", name="Projekte")).to_be_visible()
        expect(page.get_by_role("searchbox", name="Im Portal suchen")).to_be_visible()
        page.keyboard.press("Enter")
        expect(main_nav).to_be_hidden()

        page.goto(shared_portal.url + "/projekte/")
        assert page_width(page) <= PHONE["width"]

        # Wide screens: no disclosure, the menu, search and account links all visible.
        page.set_viewport_size(WIDE)
        expect(toggle).to_be_hidden()
        expect(main_nav.get_by_role("link", name="Projekte")).to_be_visible()
        expect(page.get_by_role("navigation", name="Ihr Konto")).to_be_visible()
        expect(page.get_by_role("searchbox", name="Im Portal suchen")).to_be_visible()
    finally:
        context.close()
