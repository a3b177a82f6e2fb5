"""The public Beteiligungsbericht renders the year's live figures, of public projects only."""

import datetime

import pytest
from bs4 import BeautifulSoup

from departments.models import Department
from figures.models import ReportPage
from figures.queries import FigureFilter, figures_for
from figures.rollup import refresh
from tests.figures.data import build_world


@pytest.fixture
def report(project_index):
    world = build_world(project_index)
    refresh()
    home = project_index.get_parent()
    page = home.add_child(
        instance=ReportPage(
            title="Beteiligungsbericht 2026",
            slug="beteiligungsbericht-2026",
            year=2026,
            intro="Was 2026 geschah.",
            body=[
                ("paragraph", "<p>Ein gutes Jahr.</p>"),
                (
                    "key_figures",
                    {
                        "heading": "Kennzahlen der Stadt",
                        "sections": [
                            "statuses",
                            "contributions",
                            "participants",
                            "answers",
                            "ballots",
                            "months",
                        ],
                        "department": None,
                    },
                ),
                (
                    "key_figures",
                    {
                        "heading": "Mobilität",
                        "sections": ["contributions"],
                        "department": world.departments["mobility"],
                    },
                ),
            ],
        )
    )
    page.save_revision().publish()
    return world, page


def figure_values(section) -> dict[str, str]:
    return {
        item.dt.get_text(strip=True): item.dd.get_text(strip=True)
        for item in section.select(".figures-list__item")
    }


def german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@pytest.mark.django_db
def test_the_report_shows_the_public_figures_of_its_year(client, report):
    world, page = report
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Beteiligungsbericht 2026"
    city, mobility = soup.select("section.key-figures")
    year = {
        "start": datetime.date(2026, 1, 1),
        "end": datetime.date(2026, 12, 31),
    }
    public = figures_for(FigureFilter(public_only=True, **year))
    everything = figures_for(FigureFilter(**year))
    # Password-protected and unpublished projects do not count on a public page.
    assert public.totals["comments"] < everything.totals["comments"]
    values = figure_values(city)
    assert values["Beiträge (Kommentare)"] == german(public.totals["comments"])
    assert values["Stimmabgaben"] == german(public.ballots)
    assert values["Projekte"] == german(sum(n for *_x, n in public.statuses))
    assert city.find("svg", attrs={"role": "img"}) is not None
    assert city.find("table").caption.get_text() == "Projekte nach Status"
    assert "Mitarbeitende" not in city.get_text()  # staff pre-votes are no public figure
    assert "Stand:" in city.get_text()
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    unit = frozenset(Department.objects.family_ids(world.departments["mobility"]))
    scoped = figures_for(FigureFilter(department_ids=unit, public_only=True, **year))
    assert figure_values(mobility)["Beiträge (Kommentare)"] == german(scoped.totals["comments"])
    for user in world.users:
        assert user.display_name not in response.content.decode()


@pytest.mark.django_db
def test_a_report_of_a_year_without_figures_says_so(client, report):
    _world, page = report
    page.year = 2019
    page.save_revision().publish()
    content = client.get(page.url).content.decode()
    assert "Keine Daten für diese Auswahl." in content
