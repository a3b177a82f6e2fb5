"""The accessibility audit: every public page type and state, WCAG 2.1 A/AA, in Chromium.

One test per entry of ``AUDITED_PAGES`` (accessibility_inventory.py, the
list the accessibility statement names). Each brings the page
into its state the way a visitor would, saves screenshots, then runs
axe-core and the checks axe cannot make alone. A failure lists every
problem at once: axe rule ids with their target selectors, then the rest.
The demo content is loaded once for the module (nothing here changes it).
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from notifications.models import PendingFollow
from notifications.optin import token_for
from tests.browser import admin_visits, second_theme
from tests.browser.accessibility_inventory import AUDITED_PAGES, EXTRA_CHECKS, JOURNEYS, keys
from tests.browser.axe import format_violations, run_axe
from tests.browser.checks import (
    error_problems,
    focus_walk_problems,
    heading_problems,
    image_problems,
    language_problems,
    reflow_problems,
)
from tests.browser.conftest import save_screenshots
from tests.browser.map_tiles import answer_tiles

OPEN_PROJECT = "/projekte/radverkehrskonzept-innenstadt/"
CLOSED_PROJECT = "/projekte/umgestaltung-holzmarkt/"
VORHABENLISTE = "/vorhaben/"
TOO_LONG_QUERY = " ".join(["Radweg"] * 30)
SERVER_ERROR_PAGE = Path(__file__).resolve().parents[2] / "templates" / "500.html"

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class State:
    language: str = "de"
    shows_errors: bool = False
    # The part of the page that is ours (headings, images): in the admin, Wagtail's
    # <main> with the view's header and content, not Wagtail's own menu beside it.
    root: str = "body"


VISITS = {}

# The checks of EXTRA_CHECKS made on every audited page, by key; the
# other one, "palette_contrast", is tests/pages/test_palette.py. The focus
# walk goes last: it moves the focus away from an error summary.
CHECKS = {
    "language": lambda page, state: language_problems(page, state.language),
    "headings": lambda page, state: heading_problems(page, state.root),
    "images": lambda page, state: image_problems(page, state.root),
    "reflow": lambda page, state: reflow_problems(page),
    "errors_announced": lambda page, state: error_problems(page) if state.shows_errors else [],
    "focus_visible": lambda page, state: focus_walk_problems(page),
}


def visit(key):
    def register(function):
        VISITS[key] = function
        return function

    return register


def go(page, portal, path, status=200):
    response = page.goto(portal.url + path)
    assert response.status == status, f"{path}: HTTP {response.status}"


@visit("start")
def start(page, portal):
    go(page, portal, "/")
    return State()


@visit("start_english")
def start_english(page, portal):
    go(page, portal, "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    return State(language="en")


@visit("project_list")
def project_list(page, portal):
    go(page, portal, "/projekte/")
    return State()


@visit("project_list_filter_error")
def project_list_filter_error(page, portal):
    # An outdated link: the topic no longer exists.
    go(page, portal, "/projekte/?topic=gibt-es-nicht")
    return State(shows_errors=True)


@visit("project_list_map")
def project_list_map(page, portal):
    answer_tiles(page)
    go(page, portal, "/projekte/")
    page.get_by_role("button", name="Karte laden").click()
    expect(page.locator(".district-map .leaflet-interactive").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    return State()


@visit("project_open_poll")
def project_open_poll(page, portal):
    go(page, portal, OPEN_PROJECT)
    expect(page.get_by_role("button", name="Stimme abgeben")).to_be_visible()
    return State()


@visit("project_closed_poll")
def project_closed_poll(page, portal):
    go(page, portal, CLOSED_PROJECT)
    expect(page.get_by_role("table").first).to_be_visible()
    return State()


# Two pages again with the demo's second theme (tests/browser/second_theme.py).
VISITS.update(second_theme.visits(State, {"start": "/", "project": OPEN_PROJECT}))


@visit("project_phone_menu")
def project_phone_menu(page, portal):
    page.set_viewport_size({"width": 390, "height": 844})
    go(page, portal, OPEN_PROJECT)
    page.get_by_text("Menü", exact=True).click()
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
    return State()


@visit("poll_error")
def poll_error(page, portal):
    go(page, portal, OPEN_PROJECT)
    answer = page.get_by_label("Was sollen wir außerdem wissen?")
    answer.fill("Mehr Licht am Radweg")
    page.get_by_role("button", name="Stimme abgeben").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(answer).to_have_value("Mehr Licht am Radweg")
    return State(shows_errors=True)


@visit("comment_error")
def comment_error(page, portal):
    portal.sign_in(page.context)
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("button", name="Beitrag veröffentlichen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    return State(shows_errors=True)


@visit("comment_reply")
def comment_reply(page, portal):
    portal.sign_in(page.context)
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("link", name="Antworten an Radfahrerin_Jena").click()
    expect(page.get_by_label("Ihre Antwort")).to_be_visible()
    return State()


@visit("vorhabenliste")
def vorhabenliste(page, portal):
    go(page, portal, VORHABENLISTE)
    expect(page.get_by_role("heading", name="Vorhabenliste")).to_be_visible()
    return State()


@visit("vorhaben_anregung_error")
def vorhaben_anregung_error(page, portal):
    go(page, portal, VORHABENLISTE)
    reason = page.get_by_label("Warum?")
    reason.fill("Mehr Grün in der Innenstadt")
    page.get_by_role("button", name="Anregung senden").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(reason).to_have_value("Mehr Grün in der Innenstadt")
    return State(shows_errors=True)


@visit("idea_collection")
def idea_collection(page, portal):
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    expect(page.get_by_role("heading", name="Ideen für besseres Radfahren")).to_be_visible()
    return State()


@visit("idea_collection_map")
def idea_collection_map(page, portal):
    answer_tiles(page)
    idea_collection(page, portal)
    page.get_by_role("button", name="Karte laden").click()
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    return State()


@visit("proposal")
def proposal(page, portal):
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    page.get_by_role("link", name="Fahrradstraße durch die Johannisstraße").click()
    expect(page.get_by_text("erreicht", exact=True)).to_be_visible()
    # With the official answer and its history (demo data).
    expect(page.get_by_role("heading", name="Verlauf der Bewertung")).to_be_visible()
    return State()


@visit("proposal_submit_error")
def proposal_submit_error(page, portal):
    portal.sign_in(page.context)
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    page.get_by_role("link", name="Vorschlag einreichen").click()
    page.get_by_label("Titel").fill("Mehr Radbügel")
    page.get_by_role("button", name="Vorschlag einreichen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Mehr Radbügel")
    return State(shows_errors=True)


@visit("proposal_submit_map")
def proposal_submit_map(page, portal):
    answer_tiles(page)
    portal.sign_in(page.context)
    go(page, portal, OPEN_PROJECT)
    page.get_by_role("link", name="Ideen ansehen und einreichen").click()
    page.get_by_role("link", name="Vorschlag einreichen").click()
    page.get_by_role("button", name="Karte laden").click()
    page.get_by_role("application", name="Karte zum Wählen des Orts").press("ArrowUp")
    expect(page.locator(".location-picker__position")).to_contain_text("Markierter Ort")
    page.wait_for_load_state("networkidle")
    return State()


@visit("newsletter_archive")
def newsletter_archive(page, portal):
    go(page, portal, "/newsletter/")
    expect(page.get_by_role("heading", name="Newsletter abonnieren")).to_be_visible()
    return State()


@visit("newsletter")
def newsletter(page, portal):
    go(page, portal, "/newsletter/")
    page.locator("main h2 a").first.click()
    expect(page.get_by_role("heading", name="Anstehende Termine")).to_be_visible()
    return State()


@visit("search_results")
def search_results(page, portal):
    go(page, portal, "/search/?q=Radwege")
    expect(page.locator(".search-results mark").first).to_be_visible()
    return State()


@visit("search_corrected")
def search_corrected(page, portal):
    go(page, portal, "/search/?q=Radwge+Innenstadt")
    expect(page.locator(".did-you-mean a")).to_have_text("Radwege Innenstadt")
    expect(page.locator(".search-hit__missing").first).to_be_visible()
    return State()


@visit("search_error")
def search_error(page, portal):
    go(page, portal, "/search/?q=" + TOO_LONG_QUERY.replace(" ", "+"), status=400)
    expect(page.get_by_label("Suchbegriff")).to_have_value(TOO_LONG_QUERY)
    return State(shows_errors=True)


@visit("signup")
def signup(page, portal):
    go(page, portal, "/accounts/signup/")
    return State()


@visit("signup_error")
def signup_error(page, portal):
    go(page, portal, "/accounts/signup/")
    page.get_by_label("E-Mail").fill("anna@example")
    page.get_by_label("Passwort:", exact=True).fill("kurz")
    page.locator("main").get_by_role("button", name="Registrieren").click()
    expect(page.get_by_label("E-Mail")).to_have_value("anna@example")
    return State(shows_errors=True)


@visit("login")
def login(page, portal):
    go(page, portal, "/accounts/login/")
    return State()


@visit("login_error")
def login_error(page, portal):
    go(page, portal, "/accounts/login/")
    page.get_by_label("E-Mail").fill(portal.citizen_email)
    page.get_by_label("Passwort:").fill("falsches-passwort")
    page.locator("main").get_by_role("button", name="Anmelden").click()
    expect(page.get_by_label("E-Mail")).to_have_value(portal.citizen_email)
    return State(shows_errors=True)


@visit("profile")
def profile(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/accounts/profile/")
    return State()


@visit("my_data")
def my_data(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/accounts/data/")
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    return State()


@visit("two_factor")
def two_factor(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/accounts/2fa/")
    return State()


@visit("notification_centre")
def notification_centre(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/benachrichtigungen/")
    expect(page.locator(".notification--unread").first).to_be_visible()
    return State()


@visit("notification_settings")
def notification_settings(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/benachrichtigungen/einstellungen/")
    return State()


@visit("following")
def following(page, portal):
    portal.sign_in(page.context)
    go(page, portal, "/benachrichtigungen/folge-ich/")
    expect(page.locator(".follow-list li").first).to_be_visible()
    return State()


@visit("follow_confirm")
def follow_confirm(page, portal):
    # As a visitor would: ask on the project page, then open the link from the mail.
    go(page, portal, OPEN_PROJECT)
    page.locator("#folgen").get_by_label("Ihre E-Mail-Adresse").fill("besuch@example.org")
    page.locator("#folgen").get_by_role("button", name="Per E-Mail folgen").click()
    expect(page.locator(".messages")).to_contain_text("Fast geschafft")
    pending = PendingFollow.objects.filter(email="besuch@example.org").latest("pk")
    go(page, portal, f"/benachrichtigungen/bestaetigen/{token_for(pending)}/")
    expect(page.get_by_role("button", name="Bestätigen")).to_be_visible()
    return State()


@visit("standard_page")
def standard_page(page, portal):
    go(page, portal, "/impressum/")
    return State()


@visit("report")
def report(page, portal):
    go(page, portal, "/beteiligungsbericht-2026/")
    return State()


@visit("accessibility_statement")
def accessibility_statement(page, portal):
    go(page, portal, "/barrierefreiheit/")
    # The published statement lists what this audit and the journeys cover.
    items = page.locator("main li")
    for entry in (*AUDITED_PAGES, *EXTRA_CHECKS, *JOURNEYS):
        exactly = re.compile(f"^{re.escape(entry.label)}$")
        expect(items.filter(has_text=exactly)).to_have_count(1)
    return State()


# The admin's pages, as the demo's editor (tests/browser/admin_visits.py).
VISITS.update(admin_visits.visits(State, go))


@visit("not_found")
def not_found(page, portal):
    go(page, portal, "/gibt-es-nicht/", status=404)
    return State()


@visit("server_error")
def server_error(page, portal):
    # Served on a crash, so it cannot rely on anything: a plain file without styles.
    page.set_content(SERVER_ERROR_PAGE.read_text(encoding="utf-8"))
    return State()


@pytest.mark.usefixtures("default_theme_afterwards")
@pytest.mark.parametrize("key", keys(AUDITED_PAGES))
def test_page_meets_wcag_21_aa(key, page, shared_portal):
    state = VISITS[key](page, shared_portal)
    save_screenshots(page, f"audit-{key}")
    violations = run_axe(page)
    problems = [problem for check in CHECKS.values() for problem in check(page, state)]
    report = format_violations(violations, key) if violations else ""
    if problems:
        report += f"\n{len(problems)} other problem(s) on {key}:\n"
        report += "\n".join(f"  - {problem}" for problem in problems)
    assert not violations and not problems, report
