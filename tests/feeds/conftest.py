"""A site with visible projects and every kind of project no feed or calendar may show.

Building that world is most of a test's time here. A module whose every
database test uses ``world`` builds it once (with its home page, project
index and units), in a transaction rolled back after its last test
(tests/shared_data.py); each test gets its own copies of the objects.
Elsewhere each test builds its own.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from wagtail.models import Page, PageViewRestriction, Site

from departments.models import Department
from pages.models import HomePage, ProjectIndexPage, ProjectPage
from tests.conftest import make_home_page
from tests.factories import (
    DepartmentFactory,
    HomePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_phases,
)
from tests.shared_data import every_test_of_the_module_uses, rolled_back_at_end

ATOM = "{http://www.w3.org/2005/Atom}"
HIDDEN_TITLES = {"Entwurf", "Geschützt", "Andere Stadt", "Übungsprojekt"}
MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def rss_items(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    return [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]


def atom_entries(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def calendar_of(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(response) -> list:
    return list(calendar_of(response).walk("VEVENT"))


def build_units():
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung")
    amt = DepartmentFactory(name="Amt für Verkehr", parent=dezernat)
    team = DepartmentFactory(name="Team Radverkehr", parent=amt)
    sibling = DepartmentFactory(name="Amt für Kultur", parent=dezernat)
    return {"dezernat": dezernat, "amt": amt, "team": team, "sibling": sibling}


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker):
    """The world's ids, built once for the module; None where each test builds its own."""
    if not every_test_of_the_module_uses(request, "world"):
        yield None
        return
    with rolled_back_at_end(django_db_blocker):
        with django_db_blocker.unblock():
            home = make_home_page()
            project_index = ProjectIndexPageFactory(parent=home)
            units = build_units()
            world = build_world(project_index, units)
            ids = {
                "home_page": home.pk,
                "project_index": project_index.pk,
                "units": {key: unit.pk for key, unit in units.items()},
                "world": {
                    key: [page.pk for page in value] if key == "hidden" else value.pk
                    for key, value in world.items()
                },
            }
        yield ids


@pytest.fixture
def home_page(shared_world, db):
    """The world's home page where the module shares it, else a new one (tests/conftest.py)."""
    if shared_world is None:
        return make_home_page()
    return HomePage.objects.get(pk=shared_world["home_page"])


@pytest.fixture
def project_index(shared_world, home_page):
    if shared_world is None:
        return ProjectIndexPageFactory(parent=home_page)
    return ProjectIndexPage.objects.get(pk=shared_world["project_index"])


@pytest.fixture
def units(shared_world, db):
    if shared_world is None:
        return build_units()
    found = Department.objects.in_bulk(shared_world["units"].values())
    return {key: found[pk] for key, pk in shared_world["units"].items()}


def hidden_projects(project_index, department):
    """A draft, a restricted project, one of another site and one in the practice area."""
    draft = ProjectPageFactory(parent=project_index, title="Entwurf", live=False)
    restricted = ProjectPageFactory(parent=project_index, title="Geschützt", department=department)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    root = Page.get_first_root_node()
    other_home = HomePageFactory(parent=root, title="Andere Stadt", slug="andere")
    Site.objects.create(hostname="andere.example", port=80, root_page=other_home)
    other = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=other_home),
        title="Andere Stadt",
        department=department,
    )
    practice_home = HomePageFactory(parent=root, title="Übungsbereich", slug="uebungsbereich")
    practice = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=practice_home),
        title="Übungsprojekt",
        department=department,
    )
    for project in (draft, restricted, other, practice):
        add_phases(project, MARCH)
    return [draft, restricted, other, practice]


@pytest.fixture
def world(shared_world, project_index, units):
    if shared_world is None:
        return build_world(project_index, units)
    ids = shared_world["world"]
    pages = ProjectPage.objects.in_bulk(
        [*ids["hidden"], *(ids[key] for key in ids if key != "hidden")]
    )
    return {
        key: [pages[pk] for pk in pks] if key == "hidden" else pages[pks]
        for key, pks in ids.items()
    }


def build_world(project_index, units):
    now = datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC)
    older = ProjectPageFactory(
        parent=project_index,
        title="Radweg Nord & Süd",
        department=units["team"],
        first_published_at=now,
        last_published_at=now + datetime.timedelta(days=3),
    )
    newer = ProjectPageFactory(
        parent=project_index,
        title="Theaterplatz",
        department=units["sibling"],
        first_published_at=now + datetime.timedelta(days=1),
    )
    top = ProjectPageFactory(
        parent=project_index,
        title="Stadtentwicklungskonzept",
        department=units["dezernat"],
        first_published_at=now - datetime.timedelta(days=1),
    )
    add_phases(older, MARCH, (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)))
    add_phases(newer, MARCH)
    hidden = hidden_projects(project_index, units["amt"])
    return {"older": older, "newer": newer, "top": top, "hidden": hidden}


@pytest.fixture(autouse=True)
def other_host_allowed(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "andere.example"]
