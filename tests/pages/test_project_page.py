"""What citizens see on a project page and on error pages."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.blocks import StreamValue

from tests.factories import ProjectPageFactory, ProjectPhaseFactory
from tests.pages.html import soup_for

D = datetime.date


@pytest.fixture
def project(project_index):
    page = ProjectPageFactory(
        parent=project_index,
        title="Spielplatz Lobeda-West",
        teaser="Wie soll der neue Spielplatz aussehen?",
        results_intro="Die Wünsche fließen in die Planung ein.",
    )
    ProjectPhaseFactory(
        page=page, title="Ideen sammeln", start_date=D(2026, 3, 1), end_date=D(2026, 3, 31)
    )
    ProjectPhaseFactory(
        page=page,
        title="Auswertung",
        start_date=D(2026, 4, 1),
        end_date=D(2026, 4, 30),
        allows_participation=False,
    )
    page.body = StreamValue(
        page.body.stream_block,
        [
            ("heading", {"text": "Worum es geht", "level": "h2"}),
            ("quote", {"text": "<script>alert(1)</script>", "attribution": "Kind, 8"}),
        ],
        is_lazy=False,
    )
    page.save_revision().publish()
    return page


def test_timeline_marks_the_current_phase(client, project):
    with time_machine.travel(datetime.datetime(2026, 4, 10, 12), tick=False):
        soup = soup_for(client, project.url)
    current = soup.select('.project__aside .timeline__phase[aria-current="step"]')
    assert [phase.select_one(".timeline__name").get_text() for phase in current] == ["Auswertung"]
    assert soup.select_one(".project__status .status-badge").get_text(strip=True) == "In Auswertung"


def test_page_structure_is_accessible(client, project):
    soup = soup_for(client, project.url)
    assert soup.html["lang"] == "de"
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.select_one("main#main") is not None
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one('nav[aria-label="Hauptnavigation"]') is not None
    assert soup.select_one("form[role=search] label[for=site-search-input]") is not None


def test_results_section_and_escaped_body(client, project):
    soup = soup_for(client, project.url)
    assert soup.select_one("#results-heading") is not None
    quote = soup.select_one(".block-quote blockquote")
    assert quote.get_text(strip=True) == "<script>alert(1)</script>"
    assert soup.find("script", string="alert(1)") is None


def test_draft_changes_are_not_public(client, project):
    project.title = "Geheimer Entwurf"
    project.save_revision()
    assert "Geheimer Entwurf" not in client.get(project.url).content.decode()


def test_unknown_url_gives_a_german_404(client, home_page):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Seite nicht gefunden"
    assert soup.html["lang"] == "de"


def test_language_switch_turns_the_interface_english(client, project):
    response = client.post("/i18n/setlang/", {"language": "en", "next": project.url})
    assert response.status_code == 302
    soup = soup_for(client, project.url)
    assert soup.html["lang"] == "en"
    assert soup.select_one("a.skip-link").get_text() == "Skip to content"


def test_browser_language_does_not_override_german(client, project):
    soup = BeautifulSoup(
        client.get(project.url, headers={"accept-language": "en-US"}).content, "html.parser"
    )
    assert soup.html["lang"] == "de"


def test_health_check(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
