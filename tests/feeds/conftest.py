"""A site with visible projects and every kind of project no feed or calendar may show."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    DepartmentFactory,
    HomePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_phases,
)

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


@pytest.fixture
def units(db):
    dezernat = DepartmentFactory(name="Dezernat Stadtentwicklung")
    amt = DepartmentFactory(name="Amt für Verkehr", parent=dezernat)
    team = DepartmentFactory(name="Team Radverkehr", parent=amt)
    sibling = DepartmentFactory(name="Amt für Kultur", parent=dezernat)
    return {"dezernat": dezernat, "amt": amt, "team": team, "sibling": sibling}


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
def world(project_index, units):
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
