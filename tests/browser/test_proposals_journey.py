"""Submitting a proposal and supporting another with the keyboard alone, focus visible throughout.

After each page load only Tab, Shift+Tab, Enter and Space are pressed (and
text typed into the focused field, a select included); no JavaScript is
needed by the forms.
"""

import pytest
from playwright.sync_api import expect

from proposals.models import Proposal
from tests.browser.conftest import session_for, sign_in
from tests.browser.keyboard import KeyboardUser
from tests.factories import UserFactory

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def follow(keys, text):
    keys.tab_to_text(text)
    keys.submit()


@pytest.mark.journey("keyboard_proposal")
def test_submit_a_proposal_and_support_another_with_the_keyboard(page, demo_portal, screenshot):
    sign_in(page.context, demo_portal, session_for(UserFactory(display_name="Tastatur_Tom")))
    page.goto(demo_portal + OPEN_PROJECT)
    keys = KeyboardUser(page)

    follow(keys, "Ideen ansehen und einreichen")
    follow(keys, "Vorschlag einreichen")
    keys.tab_to(lambda focus: focus["name"] == "title")
    keys.type("Radbügel am Paradiesbahnhof")
    keys.tab_to(lambda focus: focus["name"] == "description")
    keys.type("Am Paradiesbahnhof fehlen Bügel.\n\nZwanzig wären gut.")
    keys.tab_to(lambda focus: focus["name"] == "category")
    keys.type("Radverkehr")
    screenshot("keyboard-proposal-01-form")
    keys.tab_to_text("Vorschlag einreichen")
    keys.submit()

    expect(page.get_by_role("status")).to_contain_text("Ihr Vorschlag ist veröffentlicht.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Radbügel am Paradiesbahnhof")
    proposal = Proposal.objects.get(title="Radbügel am Paradiesbahnhof")
    assert proposal.category.name == "Radverkehr"
    assert proposal.author.display_name == "Tastatur_Tom"

    follow(keys, "Zurück zu allen Vorschlägen")
    follow(keys, "Sichere Querung der Stadtrodaer Straße")
    follow(keys, "Diesen Vorschlag unterstützen")

    expect(page.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Unterstützung.")
    expect(page.get_by_text("2 Unterstützungen")).to_be_visible()
    screenshot("keyboard-proposal-02-supported")
    keys.assert_focus_always_visible()
