"""The demo's two themes: the default site's and the Jena-like one on a second site."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from demo.loader.themes import THEMES, load_demo_themes
from pages.models import PortalSettings
from theming import colours
from theming.models import ThemeSettings


@pytest.fixture(autouse=True)
def second_host_allowed(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, THEMES["jena"]["hostname"]]


def test_both_demo_themes_load_twice_to_the_same_state(home_page):
    site = home_page.get_site()
    PortalSettings.objects.update_or_create(site=site, defaults={"operator_name": "Stadt Jena"})
    second = load_demo_themes(site)
    load_demo_themes(site)
    assert Site.objects.filter(hostname=THEMES["jena"]["hostname"]).count() == 1
    assert second.root_page_id == site.root_page_id
    assert PortalSettings.for_site(second).operator_name == "Stadt Jena"

    standard, jena = ThemeSettings.for_site(site), ThemeSettings.for_site(second)
    assert standard.logo is None and standard.primary_colour == THEMES["standard"]["primary_colour"]
    assert jena.logo.is_svg() and jena.logo.width == 240 and jena.logo.height == 96
    assert jena.font == "atkinson-hyperlegible"
    assert len(jena.footer_logos) == 1
    for theme in (standard, jena):
        assert colours.failures("primary", theme.primary_colour) == []
        assert colours.failures("secondary", theme.secondary_colour) == []


def test_the_second_site_shows_the_jena_like_theme(home_page):
    load_demo_themes(home_page.get_site())
    client = Client(HTTP_HOST=THEMES["jena"]["hostname"])
    response = client.get(home_page.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    logo = html.select_one(".site-header__brand img.site-header__logo")
    assert logo["alt"] == "Stadt Jena" and logo["src"].endswith(".svg")
    css_url = html.select('link[rel="stylesheet"]')[1]["href"]
    assert "--color-primary: #8a1c2b;" in client.get(css_url).content.decode()
    footer_logo = html.select_one(".site-footer__logos a img")
    assert footer_logo["alt"] == "Gefördert im Programm Smarte Städte"
    assert html.select_one('link[rel="manifest"]') is not None
    assert html.select_one('link[rel="icon"]')["href"].endswith(".png")

    default = BeautifulSoup(Client().get(home_page.url).content, "html.parser")
    assert default.select_one(".site-header__logo") is None
    assert "Am Anger 15" in default.find("footer").text


def test_the_manifest_names_the_portal_and_its_icons(home_page):
    second = load_demo_themes(home_page.get_site())
    client = Client(HTTP_HOST=THEMES["jena"]["hostname"])
    html = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    response = client.get(html.select_one('link[rel="manifest"]')["href"])
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["short_name"] == PortalSettings.for_site(second).operator_name
    assert [icon["sizes"] for icon in manifest["icons"]] == ["192x192", "512x512"]
    assert manifest["theme_color"] == "#8a1c2b"
