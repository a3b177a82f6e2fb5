"""The reference headless client's idea collections: list, filter, read the answer, support.

Through the API only (examples/headless/proposals.js), against the live
demo portal, as tests/browser/test_headless_client.py does for polls and
comments.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pages.models import ProjectPage
from proposals.models import ProposalAnswer, ProposalState, Support
from tests.browser.axe import format_violations, run_axe
from tests.browser.test_headless_client import (  # noqa: F401 - fixtures
    PROJECT,
    citizen,
    client_origin,
    client_url,
)
from tests.factories import TopicFactory
from tests.proposals.factories import make_collection, make_proposal

COLLECTION = "Ideen für sichere Radwege"


@pytest.fixture
def ideas(client_url):  # noqa: F811 - the imported fixture
    project = ProjectPage.objects.get(title=PROJECT)
    bikes = TopicFactory(name="Radwege im Test", slug="radwege-im-test")
    collection = make_collection(None, page=project, topics=[bikes], title=COLLECTION)
    older = make_proposal(
        collection,
        title="Fahrradbügel am Holzmarkt",
        category=bikes,
        created_at=timezone.now() - datetime.timedelta(days=2),
    )
    answered = make_proposal(collection, title="Grüne Welle für Räder", category=bikes)
    ProposalAnswer.objects.create(
        proposal=answered,
        state=ProposalState.IN_REVIEW,
        text="Das Tiefbauamt prüft die Ampelschaltung.",
        office="Fachbereich Mobilität",
    )
    answered.state = ProposalState.IN_REVIEW
    answered.save()
    return {"collection": collection, "older": older, "answered": answered}


def status_says(page, text):
    return page.get_by_role("status").filter(has_text=text)


def test_read_a_collection_and_support_a_proposal(page, citizen, client_url, ideas):  # noqa: F811
    project = ideas["collection"].page
    page.goto(f"{client_url}#/projekt/{project.pk}")
    page.get_by_role("region", name="Ideensammlungen").get_by_role("link", name=COLLECTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COLLECTION)
    cards = page.locator("#vorschlaege h3")
    expect(cards).to_have_count(2)

    # Newest first, through the filter form (the address keeps the choice).
    page.get_by_label("Reihenfolge").select_option("newest")
    page.get_by_role("button", name="Anzeigen").click()
    expect(cards).to_have_text(["Grüne Welle für Räder", "Fahrradbügel am Holzmarkt"])
    assert "sort=newest" in page.url

    # One proposal with its official answer.
    page.get_by_role("link", name="Grüne Welle für Räder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grüne Welle für Räder")
    answer = page.get_by_role("region", name="Offizielle Antwort der Stadt")
    expect(answer).to_contain_text("Fachbereich Mobilität")
    expect(answer).to_contain_text("Das Tiefbauamt prüft die Ampelschaltung.")
    violations = run_axe(page)
    assert violations == [], format_violations(violations, "client's proposal page")

    # Support it, and take the support back by keyboard.
    support = page.get_by_role("button", name="Vorschlag unterstützen")
    expect(support).to_have_attribute("aria-pressed", "false")
    support.click()
    expect(support).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("1 Unterstützung", exact=True)).to_be_visible()
    expect(status_says(page, "Sie unterstützen diesen Vorschlag.")).to_be_attached()
    answered = ideas["answered"]
    assert Support.objects.filter(proposal=answered, user=citizen).count() == 1
    answered.refresh_from_db()
    assert answered.support_count == 1
    support.focus()
    page.keyboard.press("Space")
    expect(support).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_text("0 Unterstützungen", exact=True)).to_be_visible()
    assert not Support.objects.filter(proposal=answered).exists()


def test_visitors_are_asked_to_sign_in_before_supporting(page, client_url, ideas):  # noqa: F811
    page.goto(f"{client_url}#/vorschlag/{ideas['older'].pk}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Fahrradbügel am Holzmarkt")
    expect(page.get_by_role("button", name="Vorschlag unterstützen")).to_have_count(0)
    support = page.get_by_role("region", name="Unterstützen")
    expect(support).to_contain_text("Bitte melden Sie sich an")
    expect(support.get_by_role("link", name="Anmelden")).to_have_attribute("href", "#/konto")
    assert not Support.objects.filter(proposal__collection=ideas["collection"]).exists()
