"""Citizens' proposals in Chromium: submitting and supporting, by keyboard and without JavaScript.

The keyboard journey presses only Tab, Shift+Tab, Enter and Space after each
page load (and types into the focused field, a select included), focus
visible throughout. The other runs with JavaScript switched off: every form
of a proposal works as plain HTML.
"""

import pytest
from playwright.sync_api import expect

from proposals.models import Proposal, Support
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


def without_javascript(browser, base_url: str, user):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(10_000)
    sign_in(context, base_url, session_for(user))
    return context, context.new_page()


@pytest.mark.journey("proposal_without_js")
def test_submit_a_proposal_support_it_and_take_the_support_back_without_javascript(
    browser, demo_portal
):
    author, supporter = UserFactory(display_name="Ohne_Skript"), UserFactory()
    context, page = without_javascript(browser, demo_portal, author)
    page.goto(demo_portal + OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    page.get_by_role("link", name="Vorschlag einreichen").click()
    page.get_by_label("Titel").fill("Trinkbrunnen am Saaleradweg")
    page.locator("#id_description").fill("Im Sommer fehlt Wasser.\n\nEin Brunnen hilft.")
    page.get_by_label("Kategorie").select_option(label="Grün und Umwelt")
    page.get_by_role("button", name="Vorschlag einreichen").click()

    expect(page.get_by_role("status")).to_contain_text("Ihr Vorschlag ist veröffentlicht.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trinkbrunnen am Saaleradweg")
    proposal = Proposal.objects.get(title="Trinkbrunnen am Saaleradweg")
    assert proposal.author == author
    proposal_url = page.url
    context.close()

    context, page = without_javascript(browser, demo_portal, supporter)
    page.goto(proposal_url)
    supports = page.locator("#unterstuetzen")
    expect(supports).to_contain_text("0 Unterstützungen")
    supports.get_by_role("button", name="Diesen Vorschlag unterstützen").click()
    expect(page.get_by_role("status")).to_contain_text("Vielen Dank für Ihre Unterstützung.")
    expect(supports).to_contain_text("1 Unterstützung")
    expect(supports).to_contain_text("Sie unterstützen diesen Vorschlag.")
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert Support.objects.filter(proposal=proposal, user=supporter).exists()

    supports.get_by_role("button", name="Meine Unterstützung zurücknehmen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Unterstützung wurde zurückgenommen.")
    expect(supports).to_contain_text("0 Unterstützungen")
    expect(supports.get_by_role("button", name="Diesen Vorschlag unterstützen")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.filter(proposal=proposal).exists()
    context.close()
