"""The Vorhabenliste's feeds list publicly listed Vorhaben only."""

import pytest
from bs4 import BeautifulSoup

from tests.feeds.conftest import atom_entries, rss_items
from tests.vorhaben.conftest import make_vorhaben
from tests.vorhaben.test_public_list import VorhabenIndexPageFactory
from vorhaben.models import VorhabenState

pytestmark = pytest.mark.django_db
S = VorhabenState


@pytest.fixture
def listed(home_page, units):
    page = VorhabenIndexPageFactory(parent=home_page)
    amt = units["amt"]
    shown = [
        make_vorhaben(amt, state=S.ACCEPTED, public=True, title="Querung Markt"),
        make_vorhaben(amt, state=S.IN_PROGRESS, public=True, title="Spielplatz Ost"),
    ]
    make_vorhaben(amt, state=S.ACCEPTED, public=False, title="Nicht öffentlich")
    make_vorhaben(amt, state=S.SUBMITTED, public=True, title="Nur eingereicht")
    make_vorhaben(amt, state=S.REJECTED, public=True, title="Abgelehnt")
    return page, shown


def test_rss_lists_publicly_listed_vorhaben_only(client, listed):
    page, shown = listed
    response = client.get("/feeds/vorhaben.rss")

    items = rss_items(response)
    assert [item["title"] for item in items] == ["Spielplatz Ost", "Querung Markt"]
    spielplatz = items[0]
    assert spielplatz["link"] == f"{page.get_full_url()}{shown[1].pk}/"
    assert spielplatz["guid"] == f"tag:localhost,2026:vorhaben-{shown[1].pk}"
    assert spielplatz["description"] == shown[1].goal
    body = response.content.decode()
    assert "<title>Vorhabenliste \u2013 " in body
    for title in ("Nicht öffentlich", "Nur eingereicht", "Abgelehnt"):
        assert title not in body


def test_atom_lists_the_same(client, listed):
    entries = atom_entries(client.get("/feeds/vorhaben.atom"))

    assert [entry["title"] for entry in entries] == ["Spielplatz Ost", "Querung Markt"]


def test_detail_link_of_the_feed_opens(client, listed):
    link = rss_items(client.get("/feeds/vorhaben.rss"))[0]["link"]

    assert client.get(link.removeprefix("http://localhost")).status_code == 200


def test_site_without_vorhabenliste_has_no_feed(client, home_page):
    assert client.get("/feeds/vorhaben.rss").status_code == 404


def test_vorhabenliste_links_its_feed(client, home_page):
    page = VorhabenIndexPageFactory(parent=home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    alternate = soup.select_one("head link[rel=alternate][type='application/rss+xml']")
    assert alternate["href"] == "/feeds/vorhaben.rss"
    assert soup.select_one(".subscribe-links a")["href"] == "/feeds/vorhaben.rss"
