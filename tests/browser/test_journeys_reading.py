"""Citizen journeys that only read: find a project, read it, search, switch the language.

They share one demo load (``shared_portal``); nothing here changes the content.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import error_problems

pytestmark = pytest.mark.django_db


@pytest.mark.journey("find_project")
def test_find_a_project_from_the_start_page_and_the_filters(page, shared_portal, screenshot):
    page.goto(shared_portal.url + "/")
    expect(page.get_by_role("heading", name="Jetzt mitmachen")).to_be_visible()
    expect(page.get_by_role("link", name="Radverkehrskonzept Innenstadt")).to_be_visible()
    screenshot("journey-find-01-start")

    page.get_by_role("link", name="Alle Projekte").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projekte")
    page.get_by_label("Thema").select_option(label="Radverkehr")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"topic=radverkehr"))
    expect(page.get_by_role("heading", name="1 Projekt")).to_be_visible()
    expect(page.get_by_label("Thema")).to_have_value("radverkehr")
    cards = page.locator(".card-list .project-card__title")
    expect(cards).to_have_text(["Radverkehrskonzept Innenstadt"])
    screenshot("journey-find-02-filtered")

    page.get_by_label("Status").select_option(label="Abgeschlossen")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.get_by_text("Kein Projekt passt zu diesen Filtern.")).to_be_visible()
    page.get_by_role("link", name="Filter zurücksetzen").click()
    expect(cards).to_have_count(10)

    cards.get_by_role("link", name="Radverkehrskonzept Innenstadt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Radverkehrskonzept Innenstadt")


@pytest.mark.journey("read_project")
def test_read_the_editorial_body_and_the_phase_timeline(page, shared_portal, screenshot):
    page.goto(shared_portal.url + "/projekte/radverkehrskonzept-innenstadt/")
    breadcrumbs = page.get_by_role("navigation", name="Brotkrümelnavigation")
    expect(breadcrumbs.get_by_role("link", name="Projekte")).to_be_visible()
    main = page.locator(".project__main")
    expect(main.get_by_role("heading", name="Worum geht es?", level=2)).to_be_visible()
    expect(main.get_by_text("Immer mehr Menschen in Jena fahren Rad")).to_be_visible()

    timeline = page.get_by_role("list", name="Beteiligungsphasen")
    phases = timeline.get_by_role("listitem")
    expect(phases).to_have_count(4)
    current = timeline.locator("[aria-current=step]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Online-Beteiligung")
    expect(current).to_contain_text("aktuelle Phase")
    expect(phases.first).to_contain_text("abgeschlossen")
    expect(page.locator(".project__status")).to_contain_text("Aktuelle Phase: Online-Beteiligung")

    # The FAQ opens with the keyboard's Enter as well as by click.
    question = main.locator("summary").filter(has_text="Werden alle Vorschläge umgesetzt?")
    question.focus()
    page.keyboard.press("Enter")
    expect(main.get_by_text("Jeder Hinweis wird geprüft")).to_be_visible()
    screenshot("journey-read-01-project")


@pytest.mark.journey("search")
@pytest.mark.journey("error_paths")
def test_search_in_german_and_open_a_highlighted_hit(page, shared_portal, screenshot):
    page.goto(shared_portal.url + "/")
    page.get_by_role("search").get_by_label("Im Portal suchen").fill("Radwegen")
    page.get_by_role("search").get_by_role("button", name="Suche").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suche")
    count = page.locator("#results-count")
    expect(count).to_contain_text("„Radwegen“")
    # German stemming: "Radwegen" finds "Radwege".
    # (Compounds such as "Saaleradweg" in proposals match too; look for the stem itself.)
    stem = page.locator("mark", has_text=re.compile(r"^Radweg", re.I))
    hit = page.locator(".search-hit").filter(has=stem).first
    expect(hit.locator("mark", has_text=re.compile(r"^Radweg", re.I)).first).to_be_visible()
    screenshot("journey-search-01-results")

    title = hit.get_by_role("heading").get_by_role("link")
    title.click()
    expect(page).to_have_url(re.compile(r"/projekte/radverkehrskonzept-innenstadt/"))

    # Too long: the message is announced, the words stay in the field.
    too_long = " ".join(["Radverkehrskonzept"] * 12)
    page.goto(shared_portal.url + "/search/?q=" + too_long.replace(" ", "+"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("höchstens 200 Zeichen")
    expect(page.get_by_label("Suchbegriff")).to_have_value(too_long)
    expect(page.get_by_label("Suchbegriff")).to_have_attribute("aria-invalid", "true")
    assert error_problems(page) == []
    screenshot("journey-search-02-too-long")


@pytest.mark.journey("search")
def test_search_with_a_typo_offers_the_right_words_and_names_what_a_hit_lacks(
    page, shared_portal, screenshot
):
    page.goto(shared_portal.url + "/")
    page.get_by_role("search").get_by_label("Im Portal suchen").fill("Radwge Innenstadt")
    page.get_by_role("search").get_by_label("Im Portal suchen").press("Enter")
    suggestion = page.locator(".did-you-mean")
    expect(suggestion).to_contain_text("Meinten Sie")
    expect(suggestion).to_contain_text("„Radwge“")
    # Hits that lack a word come last and say which.
    expect(page.locator(".search-hit__missing").first).to_contain_text("Enthält nicht")
    screenshot("journey-search-03-did-you-mean")

    # The suggestion is a link, reached and followed with the keyboard.
    link = suggestion.get_by_role("link", name="Radwege Innenstadt")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Suchbegriff")).to_have_value("Radwege Innenstadt")
    expect(page.locator(".did-you-mean")).to_have_count(0)
    expect(page.locator(".search-hit").first.locator("mark").first).to_be_visible()


@pytest.mark.journey("switch_language")
def test_switch_to_english_and_back(page, shared_portal, screenshot):
    page.goto(shared_portal.url + "/projekte/")
    switch = page.get_by_role("group", name="Sprache")
    expect(switch.get_by_role("button", name="Deutsch")).to_have_attribute("aria-pressed", "true")

    switch.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/projekte/$"))
    expect(page.get_by_role("heading", name="Filter projects")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    switch = page.get_by_role("group", name="Language")
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    screenshot("journey-language-01-english")

    switch.get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", name="Projekte filtern")).to_be_visible()
