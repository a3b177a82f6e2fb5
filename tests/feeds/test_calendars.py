"""Each project's phases, and all phases of all visible projects, as iCalendar files."""

import datetime

import pytest

from tests.feeds.conftest import HIDDEN_TITLES, MARCH, calendar_of, events_of

pytestmark = pytest.mark.django_db


def test_project_calendar_has_all_day_phase_events(client, world):
    older = world["older"]
    response = client.get(f"/kalender/projekte/{older.pk}.ics")

    calendar = calendar_of(response)
    assert f'filename="projekt-{older.pk}.ics"' in response["Content-Disposition"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Radweg Nord & Süd \u2013 ")
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    march = next(event for event in events if event["DTSTART"].dt == MARCH[0])
    phase = older.phases.get(start_date=MARCH[0])
    assert str(march["UID"]) == f"phase-{phase.pk}@localhost"
    assert str(march["SUMMARY"]) == f"Radweg Nord & Süd: {phase.title}"
    # All-day: VALUE=DATE, and DTEND is the day after the last day.
    assert march["DTSTART"].params.get("VALUE") == "DATE"
    assert march["DTEND"].dt == datetime.date(2026, 4, 1)
    assert not isinstance(march["DTEND"].dt, datetime.datetime)
    assert str(march["URL"]) == older.get_full_url()
    assert str(march["DESCRIPTION"]) == older.teaser
    assert march["DTSTAMP"].dt == older.last_published_at


def test_all_phases_calendar_lists_visible_projects_only(client, world):
    response = client.get("/kalender/projekte.ics")

    assert 'filename="projekte.ics"' in response["Content-Disposition"]
    assert str(calendar_of(response)["X-PUBLISHED-TTL"]) == "PT6H"
    summaries = sorted(str(event["SUMMARY"]).split(":")[0] for event in events_of(response))
    assert summaries == ["Radweg Nord & Süd", "Radweg Nord & Süd", "Theaterplatz"]
    body = response.content.decode()
    for title in HIDDEN_TITLES:
        assert title not in body


def test_other_site_calendar_has_only_its_projects(client, world):
    response = client.get("/kalender/projekte.ics", HTTP_HOST="andere.example")

    assert [str(e["SUMMARY"]).split(":")[0] for e in events_of(response)] == ["Andere Stadt"]


def test_invisible_projects_have_no_calendar(client, world):
    for project in world["hidden"]:
        assert client.get(f"/kalender/projekte/{project.pk}.ics").status_code == 404
    assert client.get("/kalender/projekte/999999.ics").status_code == 404


def test_phase_uid_stays_when_dates_change(client, world):
    project = world["newer"]
    url = f"/kalender/projekte/{project.pk}.ics"
    (before,) = events_of(client.get(url))

    project.phases.update(start_date=datetime.date(2026, 5, 4), end_date=datetime.date(2026, 5, 8))
    (after,) = events_of(client.get(url))

    assert str(after["UID"]) == str(before["UID"])
    assert after["DTSTART"].dt == datetime.date(2026, 5, 4)
    assert after["DTEND"].dt == datetime.date(2026, 5, 9)
    all_uids = [str(event["UID"]) for event in events_of(client.get("/kalender/projekte.ics"))]
    assert all_uids.count(str(before["UID"])) == 1
