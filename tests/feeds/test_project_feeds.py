"""The project list's and the departments' RSS and Atom feeds show what the list shows."""

import pytest
from django.conf import settings

from tests.feeds.conftest import HIDDEN_TITLES, atom_entries, rss_items

pytestmark = pytest.mark.django_db


def test_rss_lists_visible_projects_newest_first(client, world):
    response = client.get("/feeds/projekte.rss")

    items = rss_items(response)
    assert [item["title"] for item in items] == [
        "Theaterplatz",
        "Radweg Nord & Süd",
        "Stadtentwicklungskonzept",
    ]
    older = world["older"]
    radweg = items[1]
    assert radweg["link"] == older.get_full_url()
    assert radweg["guid"] == f"tag:localhost,2026:project-{older.pk}"
    assert radweg["description"] == older.teaser
    assert radweg["pubDate"] == "Sun, 01 Feb 2026 09:00:00 +0000"
    channel = response.content.decode()
    assert settings.WAGTAIL_SITE_NAME in channel
    assert "<title>Projekte \u2013 " in channel
    assert "<language>de</language>" in channel


def test_atom_has_ids_published_and_updated(client, world):
    entries = atom_entries(client.get("/feeds/projekte.atom"))

    radweg = next(entry for entry in entries if entry["title"] == "Radweg Nord & Süd")
    assert radweg["id"] == f"tag:localhost,2026:project-{world['older'].pk}"
    assert radweg["published"] == "2026-02-01T09:00:00+00:00"
    assert radweg["updated"] == "2026-02-04T09:00:00+00:00"
    assert radweg["link"] == world["older"].get_full_url()


@pytest.mark.parametrize("url", ["/feeds/projekte.rss", "/feeds/projekte.atom"])
def test_hidden_projects_appear_in_no_project_feed(client, world, url):
    body = client.get(url).content.decode()

    for title in HIDDEN_TITLES:
        assert title not in body


@pytest.mark.parametrize("url", ["/feeds/projekte.rss", "/feeds/einheiten/{slug}.rss"])
def test_another_sites_host_sees_only_its_own_projects(client, world, units, url):
    response = client.get(url.format(slug=units["amt"].slug), HTTP_HOST="andere.example")

    assert [item["title"] for item in rss_items(response)] == ["Andere Stadt"]


def test_department_feed_includes_units_below_and_excludes_siblings(client, world, units):
    response = client.get(f"/feeds/einheiten/{units['amt'].slug}.rss")

    assert [item["title"] for item in rss_items(response)] == ["Radweg Nord & Süd"]
    body = response.content.decode()
    assert "Amt für Verkehr" in body
    assert f"<link>http://testserver/projekte/?department={units['amt'].slug}</link>" in body


def test_department_feed_of_a_dezernat_covers_its_whole_family(client, world, units):
    response = client.get(f"/feeds/einheiten/{units['dezernat'].slug}.atom")

    titles = [entry["title"] for entry in atom_entries(response)]
    assert titles == ["Theaterplatz", "Radweg Nord & Süd", "Stadtentwicklungskonzept"]


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_unknown_department_is_404(client, world, suffix):
    assert client.get(f"/feeds/einheiten/gibt-es-nicht.{suffix}").status_code == 404


def test_feed_in_english_when_chosen(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/feeds/projekte.rss").content.decode()

    assert "<title>Projects - " in body
