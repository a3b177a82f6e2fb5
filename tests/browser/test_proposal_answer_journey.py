"""Official answers to a proposal: the unit's editor answers in the admin, citizens hear of it.

The demo's editor of "Team Verkehrsplanung" (the unit of the cycling project)
puts a proposal "in Prüfung", then "umsetzbar" with a text; the proposal's
page shows the state, the date and the unit, and its author finds both
answers in the notification centre. A citizen who follows the project finds
the answer there too.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone
from playwright.sync_api import expect

from notifications.models import Notification
from proposals import services
from proposals.models import Proposal, ProposalState
from tests.browser.conftest import session_for, sign_in
from tests.browser.test_approval_journey import EDITOR_EMAIL, with_known_password
from tests.browser.wagtail_admin import admin_login, success_message
from tests.factories import TEST_PASSWORD, UserFactory

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"
PROPOSAL = "Überdachte Fahrradbügel an der Haltestelle Lobeda-West"
OFFICE = "Team Verkehrsplanung"
REVIEW = "Wir prüfen mit dem Nahverkehr, wo an der Haltestelle Platz für ein Dach ist."
FEASIBLE = "Zwanzig überdachte Bügel kommen im Frühjahr an die Nordseite der Haltestelle."
SUBJECT = f"Die Stadt hat den Vorschlag beantwortet: {PROPOSAL}"


def publish_answer(page, state: str, text: str) -> None:
    form = page.locator("#official-answer form")
    form.get_by_label("Neuer Status").select_option(label=state)
    form.get_by_label("Antwort", exact=True).fill(text)
    form.get_by_role("button", name="Antwort veröffentlichen").click()
    expect(success_message(page)).to_contain_text("Die Antwort wurde veröffentlicht.")


def open_in_admin(page, base_url: str, title: str) -> None:
    """From the admin's list of proposals to the proposal's inspect view (the answer form)."""
    page.goto(base_url + reverse("proposals:index"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    proposal = Proposal.objects.get(title=title)
    inspect = reverse("proposals:inspect", args=(proposal.pk,))
    # The row's actions lead to the inspect view; the title leads to the (read-only) edit view.
    row.locator(f'a[href="{inspect}"]').first.click()
    expect(page.get_by_role("heading", name="Offizielle Antwort", exact=True)).to_be_visible()


def expect_answer_on_the_public_page(page, base_url: str, proposal: Proposal) -> None:
    page.goto(base_url + reverse("ideen:proposal", args=(proposal.pk,)))
    answer = page.locator("#antwort")
    expect(answer.get_by_role("heading", name="Offizielle Antwort")).to_be_visible()
    meta = answer.locator(".proposal-answer__meta")
    expect(meta).to_contain_text("Offizielle Antwort der Stadt")
    badge = meta.locator(".status-badge")
    expect(badge).to_have_text("umsetzbar")
    # Badges have white text: without a background of their own the state is invisible.
    assert badge.evaluate("badge => getComputedStyle(badge).backgroundColor") != "rgba(0, 0, 0, 0)"
    expect(meta).to_contain_text(f"von {OFFICE}")
    today = timezone.localdate()
    expect(meta.locator("time")).to_have_text(formats.date_format(today, "DATE_FORMAT"))
    assert meta.locator("time").get_attribute("datetime").startswith(today.isoformat())
    expect(answer.locator(".proposal-answer__text")).to_have_text(FEASIBLE)
    history = answer.get_by_role("list", name="Verlauf der Bewertung").get_by_role("listitem")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text(f"umsetzbar ({OFFICE})")
    expect(history.nth(1)).to_contain_text(f"in Prüfung ({OFFICE})")
    expect(history.nth(1)).to_contain_text(REVIEW)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("umsetzbar")


def test_the_units_editor_answers_a_proposal_officially(page, demo_portal, screenshot):
    proposal = Proposal.objects.get(title=PROPOSAL)
    assert proposal.state == ProposalState.SUBMITTED
    admin_login(page, demo_portal, with_known_password(EDITOR_EMAIL), TEST_PASSWORD)

    open_in_admin(page, demo_portal, PROPOSAL)
    publish_answer(page, "in Prüfung", REVIEW)
    publish_answer(page, "umsetzbar", FEASIBLE)
    screenshot("proposal-answer-01-admin")

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.FEASIBLE
    assert [(a.state, a.office) for a in proposal.answers.all()] == [
        (ProposalState.FEASIBLE, OFFICE),
        (ProposalState.IN_REVIEW, OFFICE),
    ]
    page.context.clear_cookies()
    expect_answer_on_the_public_page(page, demo_portal, proposal)
    screenshot("proposal-answer-02-public")
    # The editor's name is nowhere: answers name the unit.
    expect(page.locator("main")).not_to_contain_text("Radloff")

    # The author finds both answers in the notification centre.
    sign_in(page.context, demo_portal, session_for(proposal.author))
    page.goto(demo_portal + reverse("notifications:centre"))
    told = page.get_by_role("article").filter(has=page.get_by_role("link", name=SUBJECT))
    expect(told).to_have_count(2)
    expect(told.first).to_contain_text(f"umsetzbar: {FEASIBLE}")
    expect(told.nth(1)).to_contain_text(f"in Prüfung: {REVIEW}")
    told.first.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    expect(page.locator("#antwort")).to_contain_text(FEASIBLE)


@pytest.mark.journey("follow_answer")
def test_a_follower_of_the_project_sees_the_answer_among_the_notifications(page, demo_portal):
    citizen = UserFactory(display_name="Mitleserin")
    sign_in(page.context, demo_portal, session_for(citizen))
    page.goto(demo_portal + OPEN_PROJECT)
    page.locator("#folgen").get_by_role("button", name="Folgen", exact=False).first.click()
    expect(page.locator("#folgen")).to_contain_text("Sie folgen diesem Projekt")

    # The unit's editor answers (in the admin, as the journey above plays it).
    proposal = Proposal.objects.get(title=PROPOSAL)
    editor = get_user_model().objects.get(email=EDITOR_EMAIL)
    services.answer_proposal(editor, proposal.pk, state=ProposalState.IN_REVIEW, text=REVIEW)
    assert Notification.objects.filter(user=citizen, event__title=PROPOSAL).count() == 1

    page.goto(demo_portal + OPEN_PROJECT)
    account = page.get_by_role("navigation", name="Ihr Konto")
    centre = account.get_by_role("link", name=re.compile("^Benachrichtigungen"))
    expect(centre).to_contain_text("1")
    centre.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benachrichtigungen")
    told = page.get_by_role("article").filter(has=page.get_by_role("link", name=SUBJECT))
    expect(told).to_have_count(1)
    expect(told).to_contain_text("Ungelesen:")
    expect(told).to_contain_text(f"in Prüfung: {REVIEW}")
    told.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    expect(page.locator("#antwort .status-badge")).to_have_text("in Prüfung")
