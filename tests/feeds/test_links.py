"""The pages point to their feeds and calendars: in the head and as visible links."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_project_list_links_its_feeds_and_calendar(client, world, project_index):
    soup = soup_of(client, project_index.url)

    alternates = {link["type"]: link for link in soup.select("head link[rel=alternate]")}
    assert alternates["application/rss+xml"]["href"] == "/feeds/projekte.rss"
    assert alternates["application/rss+xml"]["title"] == "Projekte (RSS)"
    assert alternates["application/atom+xml"]["href"] == "/feeds/projekte.atom"
    visible = {a.get_text(strip=True): a["href"] for a in soup.select(".subscribe-links a")}
    assert visible == {
        "Als Feed abonnieren (RSS)": "/feeds/projekte.rss",
        "Termine abonnieren (iCal)": "/kalender/projekte.ics",
    }


def test_project_page_links_its_calendar(client, world):
    project = world["older"]
    soup = soup_of(client, project.url)

    link, feed = soup.select(".subscribe-links a")
    assert link.get_text(strip=True) == "Termine abonnieren (iCal)"
    assert link["href"] == f"/kalender/projekte/{project.pk}.ics"
    assert client.get(link["href"]).status_code == 200
    assert feed.get_text(strip=True) == "Projekte von Team Radverkehr als Feed (RSS)"
    assert client.get(feed["href"]).status_code == 200


def test_restricted_project_offers_no_calendar_link(client, world, citizen):
    # Behind a login: the calendar is for everyone, so it would answer 404.
    restricted = world["hidden"][1]
    client.force_login(citizen)
    soup = soup_of(client, restricted.url)

    assert soup.select_one(".subscribe-links") is None
    assert soup.select_one("#timeline-heading") is not None


def test_project_list_filtered_by_department_links_its_feed(client, world, units, project_index):
    amt = units["amt"]
    soup = soup_of(client, f"{project_index.url}?department={amt.slug}")

    links = {a.get_text(strip=True): a["href"] for a in soup.select(".subscribe-links a")}
    feed = links["Projekte von Amt für Verkehr als Feed (RSS)"]
    assert feed == f"/feeds/einheiten/{amt.slug}.rss"
