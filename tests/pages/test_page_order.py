"""The order of a project page and the header, as a screen reader's outline reads them (issue 19).

Screen readers and the keyboard follow the source order, not the CSS: on a phone citizens
first want the title, the status, how to take part and the dates, the discussion last.
The browser side (390 px, the keyboard, no JavaScript) is in tests/browser/test_mobile.py.
"""

import datetime
from itertools import pairwise

import pytest

from tests.factories import (
    ContactPersonFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    UserFactory,
)
from tests.notifications.conftest import notify
from tests.pages.html import soup_for
from tests.polls.factories import PollFactory
from tests.proposals.factories import make_collection

D = datetime.date
LANDMARKS = "header, nav, main, aside, footer, section[aria-labelledby], form[role=search]"


@pytest.fixture
def project(project_index):
    public = PollFactory(title="Wohin mit den Fahrradbügeln?")
    staff = PollFactory(title="Interne Vorabfrage", audience="staff")
    page = ProjectPageFactory(
        parent=project_index,
        title="Fahrradparken am Holzmarkt",
        teaser="Wo sollen neue Bügel stehen?",
        contact=ContactPersonFactory(name="Frau Beispiel"),
        body=[
            ("heading", {"text": "Worum es geht", "level": "h2"}),
            ("poll", {"poll": staff}),
            ("poll", {"poll": public}),
        ],
    )
    ProjectPhaseFactory(
        page=page, title="Ideen sammeln", start_date=D(2026, 3, 1), end_date=D(2026, 3, 31)
    )
    make_collection(project_index, page=page, title="Standorte vorschlagen")
    page.save_revision().publish()
    return page


def name_of(soup, element) -> str:
    if element.get("aria-label"):
        return element["aria-label"]
    labelled = element.get("aria-labelledby")
    target = soup.find(id=labelled) if labelled else None
    return " ".join(target.get_text(" ", strip=True).split()) if target else ""


def outline(soup, root) -> list[str]:
    """Headings ("h2 Text") and named landmarks ("nav: Name") in source order."""
    items = []
    for element in root.find_all(True):
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            items.append(f"{element.name} {' '.join(element.get_text(' ', strip=True).split())}")
        elif element.name in ("nav", "aside") or (
            element.name == "section" and element.get("aria-labelledby")
        ):
            items.append(f"{element.name}: {name_of(soup, element)}")
    return items


def position(items, wanted) -> int:
    matches = [index for index, item in enumerate(items) if item.startswith(wanted)]
    assert matches, f"{wanted!r} not in the outline:\n" + "\n".join(items)
    return matches[0]


def test_project_page_reads_title_status_taking_part_facts_body_then_discussion(client, project):
    soup = soup_for(client, project.url)
    items = outline(soup, soup.find("main"))
    order = [
        "h1 Fahrradparken am Holzmarkt",
        "nav: So können Sie sich beteiligen",
        "aside: Über dieses Projekt",
        "h3 Zeitplan",
        "h3 Kontakt",
        "h2 Worum es geht",
        "h2 Wohin mit den Fahrradbügeln?",
        "h2 Ideensammlung: Standorte vorschlagen",
        "section: Diskussion",
    ]
    positions = [position(items, wanted) for wanted in order]
    assert positions == sorted(positions), "\n".join(items)
    # The status and the current phase come with the title, before anything else.
    header = soup.select_one(".project__header")
    assert header.select_one("h1") is not None
    assert header.select_one(".project__status .status-badge") is not None
    # The discussion is the last section: no h2 after it.
    last_h2 = [item for item in items if item.startswith("h2 ")][-1]
    assert last_h2.startswith("h2 Diskussion")


def test_headings_form_an_outline_and_every_landmark_is_named(client, project):
    soup = soup_for(client, project.url)
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    skips = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skips, levels
    for element in soup.select("nav, aside, section, form[role=search]"):
        assert name_of(soup, element) or element.name == "form", element.prettify()[:200]
    assert soup.select_one("form[role=search] label[for=site-search-input]") is not None


def test_taking_part_links_lead_to_the_page_s_polls_collections_and_discussion(client, project):
    soup = soup_for(client, project.url)
    box = soup.find("nav", attrs={"aria-labelledby": "take-part-heading"})
    links = box.find_all("a")
    assert [link.get_text(strip=True) for link in links] == [
        "Umfrage: Wohin mit den Fahrradbügeln?",
        "Ideensammlung: Standorte vorschlagen",
        "Diskussion",
    ]
    for link in links:
        assert link["href"].startswith("#")
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
    # A staff-only poll does not exist for citizens: neither a block nor a link.
    assert "Interne Vorabfrage" not in soup.get_text()


def test_header_menu_is_one_disclosure_holding_navigation_search_and_account(client, project):
    soup = soup_for(client, project.url)
    menu = soup.select_one("header.site-header details.site-menu")
    assert menu.find("summary").get_text(strip=True) == "Menü"
    assert not menu.has_attr("open")
    assert menu.select_one('nav[aria-label="Hauptnavigation"]') is not None
    assert menu.select_one("form[role=search]") is not None
    account = menu.select_one('nav[aria-label="Ihr Konto"]')
    assert [a.get_text(strip=True) for a in account.find_all("a")] == ["Anmelden", "Registrieren"]
    assert menu.select_one("form.language-switch") is not None
    # The brand stays outside: always visible beside the button.
    assert soup.select_one(".site-header__brand").find_parent("details") is None


def test_signed_in_links_stay_in_the_menu_and_its_button_counts_the_unread(client, project):
    citizen = UserFactory(display_name="Radlerin")
    notify(citizen, project)
    notify(citizen, project)
    client.force_login(citizen)
    soup = soup_for(client, project.url)
    menu = soup.select_one("details.site-menu")
    assert " ".join(menu.find("summary").get_text(" ", strip=True).split()) == "Menü 2 ungelesen"
    account = menu.select_one('nav[aria-label="Ihr Konto"]')
    texts = [" ".join(e.get_text(" ", strip=True).split()) for e in account.select("a, button")]
    assert texts == ["Benachrichtigungen 2 ungelesen", "Angemeldet als Radlerin", "Abmelden"]
