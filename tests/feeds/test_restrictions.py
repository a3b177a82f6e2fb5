"""Every kind of view restriction hides a project from every feed and calendar.

A feed reader has no session: a project behind a login, a group or a
password is left out even for someone who could open the page.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.feeds.conftest import atom_entries, events_of, rss_items

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["login", "groups", "password"])
def restricted(request, world, units):
    project = world["older"]
    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=request.param, password="geheim"
    )
    if request.param == "groups":
        restriction.groups.add(Group.objects.create(name="Verwaltung"))
    return project


def test_restricted_project_leaves_every_feed_and_calendar(client, restricted, units):
    slug = units["team"].slug
    feeds = [
        rss_items(client.get("/feeds/projekte.rss")),
        rss_items(client.get(f"/feeds/einheiten/{slug}.rss")),
        atom_entries(client.get("/feeds/projekte.atom")),
        atom_entries(client.get(f"/feeds/einheiten/{slug}.atom")),
    ]
    for entries in feeds:
        assert restricted.title not in [entry["title"] for entry in entries]
    summaries = [str(event["SUMMARY"]) for event in events_of(client.get("/kalender/projekte.ics"))]
    assert not [summary for summary in summaries if summary.startswith(restricted.title)]
    assert client.get(f"/kalender/projekte/{restricted.pk}.ics").status_code == 404


def test_signed_in_citizen_gets_the_same_feed(client, restricted, citizen):
    client.force_login(citizen)

    titles = [item["title"] for item in rss_items(client.get("/feeds/projekte.rss"))]
    assert restricted.title not in titles
    assert client.get(f"/kalender/projekte/{restricted.pk}.ics").status_code == 404
