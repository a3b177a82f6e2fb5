"""The demo's two themes: the default one, or the Jena-like one with --theme jena."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Site

from demo.loader.themes import THEMES, load_demo_themes
from theming import colours
from theming.models import ThemeSettings


def test_the_default_theme_and_every_themes_images(home_page):
    site = home_page.get_site()
    load_demo_themes(site)
    load_demo_themes(site)
    assert Site.objects.count() == 1  # one site: page URLs stay relative
    theme = ThemeSettings.for_site(site)
    assert theme.logo is None and theme.primary_colour == THEMES["standard"]["primary_colour"]
    # The second theme's images are stored too, so switching needs no file.
    assert get_image_model().objects.filter(title=THEMES["jena"]["logo"]["title"]).count() == 1


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_demo_theme_passes_the_contrast_checks(name):
    assert colours.failures("primary", THEMES[name]["primary_colour"]) == []
    assert colours.failures("secondary", THEMES[name]["secondary_colour"]) == []


def test_the_jena_like_theme(home_page):
    site = home_page.get_site()
    load_demo_themes(site, "standard")
    Client().get(home_page.url)  # the default theme in the cache
    theme = load_demo_themes(site, "jena")
    assert theme.logo.is_svg() and (theme.logo.width, theme.logo.height) == (240, 96)
    assert theme.font == "atkinson-hyperlegible" and len(theme.footer_logos) == 1

    client = Client()
    html = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    logo = html.select_one(".site-header__brand img.site-header__logo")
    assert logo["alt"] == "Stadt Jena" and logo["src"].endswith(".svg")
    css_url = html.select('link[rel="stylesheet"]')[1]["href"]
    assert "--color-primary: #8a1c2b;" in client.get(css_url).content.decode()
    footer_logo = html.select_one(".site-footer__logos a img")
    assert footer_logo["alt"] == "Gefördert im Programm Smarte Städte"
    assert html.select_one('link[rel="icon"]')["href"].endswith(".png")

    manifest = client.get(html.select_one('link[rel="manifest"]')["href"])
    assert manifest["Content-Type"] == "application/manifest+json"
    assert [icon["sizes"] for icon in manifest.json()["icons"]] == ["192x192", "512x512"]
    assert manifest.json()["theme_color"] == "#8a1c2b"
