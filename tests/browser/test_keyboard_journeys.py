"""Voting and commenting with the keyboard alone, the focus visible at every step.

After the page has loaded only Tab, Shift+Tab, Enter and Space are pressed
(and text typed into the focused field); after every press the focused
element must show its focus indicator and be on screen.
"""

import re

import pytest
from playwright.sync_api import expect

from polls.models import Answer
from tests.browser.conftest import session_for, sign_in
from tests.browser.keyboard import KeyboardUser
from tests.factories import UserFactory

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"


def skip_to_content(keys):
    focus = keys.press("Tab")
    assert focus["text"] == "Zum Inhalt springen"
    keys.press("Enter")
    expect(keys.page.locator("main")).to_be_focused()


@pytest.mark.journey("keyboard_vote")
def test_vote_with_the_keyboard_alone(page, demo_portal, screenshot):
    page.goto(demo_portal + OPEN_PROJECT)
    keys = KeyboardUser(page)
    skip_to_content(keys)

    keys.tab_to_text("Täglich")
    keys.press("Space")
    keys.tab_to_text("Löbderstraße")
    keys.press("Space")
    keys.tab_to_text("Am Anger")
    keys.press("Space")
    keys.tab_to_text("1 (unsicher)")
    keys.press("Space")
    keys.tab_to(lambda focus: focus["tag"] == "textarea")
    keys.type("Mit der Tastatur abgestimmt.")
    # Back once to check the scale kept its choice, then on to the button.
    focus = keys.press("Shift+Tab")
    assert focus["text"] == "1 (unsicher)"
    screenshot("keyboard-vote-01-focus-on-scale")
    keys.tab_to_text("Stimme abgeben")
    keys.submit()

    expect(page.get_by_role("status")).to_contain_text("Ihre Stimme wurde gezählt.")
    ballot = Answer.objects.get(text="Mit der Tastatur abgestimmt.").ballot
    assert sorted(answer.question.kind for answer in ballot.answers.all()) == [
        "multiple",
        "multiple",
        "rating",
        "single",
        "text",
    ]
    keys.assert_focus_always_visible()
    screenshot("keyboard-vote-02-counted")


@pytest.mark.journey("keyboard_comment")
@pytest.mark.journey("error_paths")
def test_write_a_comment_with_the_keyboard_alone(page, demo_portal, screenshot):
    citizen = UserFactory(display_name="Tastatur_Tina")
    sign_in(page.context, demo_portal, session_for(citizen))
    page.goto(demo_portal + OPEN_PROJECT)
    keys = KeyboardUser(page)
    skip_to_content(keys)

    keys.tab_to(lambda focus: focus["tag"] == "textarea" and focus["name"] == "body")
    keys.tab_to_text("Beitrag veröffentlichen")
    keys.submit()

    # Sent empty: the error summary takes the focus; its link leads back to the field.
    summary = page.get_by_role("alert").filter(has_text="Bitte prüfen Sie Ihre Eingaben")
    expect(summary).to_be_focused()
    keys.check()
    screenshot("keyboard-comment-01-error")
    focus = keys.press("Tab")
    assert focus["text"] == "Bitte schreiben Sie einen Beitrag."
    keys.press("Enter")
    expect(page.get_by_label("Ihr Beitrag")).to_be_focused()
    keys.check()

    keys.type("Mit der Tastatur geschrieben: mehr Querungshilfen am Löbdergraben.")
    keys.tab_to_text("Beitrag veröffentlichen")
    keys.submit()
    expect(page.get_by_role("status")).to_contain_text("Ihr Beitrag wurde veröffentlicht.")
    expect(
        page.get_by_role("article", name="Tastatur_Tina").filter(has_text=re.compile("Querungs"))
    ).to_be_visible()
    keys.assert_focus_always_visible()
    screenshot("keyboard-comment-02-published")
