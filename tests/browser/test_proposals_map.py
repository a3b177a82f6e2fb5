"""The proposals map in Chromium: no tile before consent; markers and the picker by keyboard.

Tile requests are answered by the test (tests/browser/map_tiles.py), so
nothing leaves the machine and each is counted.
"""

import pytest
from playwright.sync_api import expect

from pages.models import District
from participation import geo
from proposals.models import Proposal
from tests.browser.conftest import session_for, sign_in
from tests.browser.keyboard import KeyboardUser
from tests.browser.map_tiles import answer_tiles
from tests.factories import UserFactory

COLLECTION_LINK = "Ideen ansehen und einreichen"
OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def follow(keys, text):
    keys.tab_to_text(text)
    keys.submit()


def test_no_tile_before_consent_then_markers_named_by_their_titles(page, demo_portal):
    tiles = answer_tiles(page)
    page.goto(demo_portal + OPEN_PROJECT)
    page.get_by_role("link", name=COLLECTION_LINK).click()
    page.wait_for_load_state("networkidle")
    keys = KeyboardUser(page)

    assert tiles == []
    expect(page.get_by_text("Die Kartenbilder kommen von einem externen Dienst")).to_be_visible()
    keys.tab_to_text("Karte laden")
    keys.press("Enter")
    marker = page.locator(".leaflet-marker-icon[title='Fahrradstraße durch die Johannisstraße']")
    expect(marker).to_have_attribute("tabindex", "0")
    expect(marker).to_have_attribute("alt", "Fahrradstraße durch die Johannisstraße")
    assert page.locator(".leaflet-marker-icon").count() == 5
    page.wait_for_load_state("networkidle")
    assert tiles, "the map loads its tiles after consent"

    keys.tab_to(lambda focus: focus["text"] == "" and focus["tag"] == "img")
    focused_title = page.evaluate("document.activeElement.title")
    keys.press("Enter")
    popup_link = page.locator(".leaflet-popup-content a")
    expect(popup_link).to_have_text(focused_title)
    # The list beside the map shows the same proposals.
    expect(page.locator(".proposal-list").get_by_role("link", name=focused_title)).to_be_visible()
    keys.assert_focus_always_visible()


@pytest.mark.journey("keyboard_proposal_map")
def test_submit_a_proposal_with_the_map_keyboard_only(page, demo_portal, screenshot):
    tiles = answer_tiles(page)
    sign_in(page.context, demo_portal, session_for(UserFactory(display_name="Karten_Kim")))
    page.goto(demo_portal + OPEN_PROJECT)
    keys = KeyboardUser(page)

    follow(keys, COLLECTION_LINK)
    follow(keys, "Vorschlag einreichen")
    keys.tab_to(lambda focus: focus["name"] == "title")
    keys.type("Fahrradständer am Ostbad")
    keys.tab_to(lambda focus: focus["name"] == "description")
    keys.type("Am Ostbad fehlen Fahrradständer.")
    keys.tab_to(lambda focus: focus["name"] == "category")
    keys.type("Radverkehr")
    assert tiles == []
    keys.tab_to_text("Karte laden")
    keys.press("Enter")
    focus = keys.check()
    assert focus["text"] == "Karte zum Wählen des Orts", focus
    for key in ("ArrowUp", "ArrowUp", "ArrowUp", "ArrowRight", "ArrowRight"):
        keys.press(key)
        page.wait_for_timeout(350)  # Leaflet's pan animation
    position = page.locator(".location-picker__position")
    expect(position).to_have_attribute("aria-live", "polite")
    expect(position).to_contain_text("Markierter Ort: Breite 50.9")
    latitude = page.get_by_label("Breitengrad (optional)")
    expect(latitude).not_to_have_value("")
    read_out = latitude_value(position)
    # The select follows the point before submitting, as the server will decide.
    shown = page.get_by_label("Stadtteil (freiwillig)").evaluate(
        "(select) => select.selectedOptions[0].textContent"
    )
    expect(position).to_contain_text(f"Stadtteil: {shown}.")
    screenshot("keyboard-proposal-map-01-picker")
    keys.tab_to_text("Vorschlag einreichen")
    keys.submit()

    expect(page.get_by_role("heading", level=1)).to_have_text("Fahrradständer am Ostbad")
    proposal = Proposal.objects.get(title="Fahrradständer am Ostbad")
    assert geo.city_bounds().contains(proposal.longitude, proposal.latitude)
    assert abs(proposal.latitude - float(read_out)) < 1e-4
    district = District.objects.get(pk=proposal.district_id)
    assert district.name == shown
    assert geo.area_contains(district.boundary, proposal.longitude, proposal.latitude)
    assert tiles
    keys.assert_focus_always_visible()


def latitude_value(position) -> str:
    """The latitude the live region read out (``... Breite 50.92813, Länge ...``)."""
    text = position.text_content()
    return text.split("Breite ", 1)[1].split(",", 1)[0]


def test_the_project_list_shows_the_districts_after_consent(page, demo_portal):
    tiles = answer_tiles(page)
    page.goto(demo_portal + "/projekte/")
    page.wait_for_load_state("networkidle")

    assert tiles == []
    links = page.locator(".district-map__list a")
    assert links.count() == District.objects.filter(boundary__isnull=False).count()
    page.get_by_role("button", name="Karte laden").click()
    expect(page.locator(".district-map path.leaflet-interactive")).to_have_count(links.count())
    page.wait_for_load_state("networkidle")
    assert tiles
    page.locator(".district-map path.leaflet-interactive").first.click(force=True)
    page.wait_for_url("**/projekte/?district=*")
