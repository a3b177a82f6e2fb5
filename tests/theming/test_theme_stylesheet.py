"""The theme stylesheet: rendered from the settings, versioned, cached, no query per page view."""

import re

from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from demo.loader.themes import THEMES, theme_image
from theming import theme as site_theme
from theming.models import ThemeSettings
from web.page_cache import HEADER


def themed(site, **fields) -> ThemeSettings:
    theme = ThemeSettings.for_site(site)
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.save()
    return theme


def stylesheet_url(client, url) -> str | None:
    html = BeautifulSoup(client.get(url).content, "html.parser")
    links = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert links[0].endswith("css/portal.css")
    return next((href for href in links if href.startswith("/theme/")), None)


def test_the_default_theme_adds_no_stylesheet(home_page):
    assert stylesheet_url(Client(), home_page.url) is None


def test_stylesheet_from_the_settings_with_immutable_caching(home_page):
    site = home_page.get_site()
    themed(site, primary_colour="#8a1c2b", secondary_colour="#b35c00", font="source-sans-3")
    client = Client()
    url = stylesheet_url(client, home_page.url)
    assert re.fullmatch(rf"/theme/{site.pk}-[0-9a-f]{{12}}\.css", url)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    css = response.content.decode()
    assert "--color-primary: #8a1c2b;" in css
    assert "--color-secondary: #b35c00;" in css
    assert '--font-body: "Source Sans 3", system-ui' in css
    assert css.count("@font-face") == 4
    assert css.count("font-display: swap;") == 4
    assert "/static/vendor/fonts/source-sans-3/source-sans-3-latin-ext-700-normal.woff2" in css
    assert "http" not in css  # every font from this server


def test_saving_the_settings_changes_the_address_at_once(home_page):
    site = home_page.get_site()
    themed(site, primary_colour="#8a1c2b")
    client = Client()
    before = stylesheet_url(client, home_page.url)
    themed(site, primary_colour="#00566b")
    after = stylesheet_url(client, home_page.url)
    assert before != after
    assert "#00566b" in client.get(after).content.decode()
    # A page cached before the change asks for the old address: the current
    # stylesheet, kept only briefly.
    old = client.get(before)
    assert "#00566b" in old.content.decode()
    assert old["Cache-Control"] == "public, max-age=300"


def test_unknown_site_is_not_found(home_page):
    assert Client().get("/theme/9999-abcdef012345.css").status_code == 404


def warm_queries(client, url) -> list[str]:
    """The queries of a GET after a first one (which fills the caches, as the first visitor)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_no_query_for_the_theme_per_page_view(home_page):
    """A full theme (logo, icon, footer logos, links) costs a page view no query."""
    site = home_page.get_site()
    client = Client()
    plain = warm_queries(client, home_page.url)
    logo = theme_image(THEMES["jena"]["logo"])
    themed(
        site,
        primary_colour="#8a1c2b",
        font="atkinson-hyperlegible",
        logo=logo,
        logo_alt="Stadt Jena",
        icon=theme_image(THEMES["jena"]["icon"]),
        operator_address="Am Anger 15",
        social_links=[("link", {"label": "Mastodon", "url": "https://social.example.org/@a"})],
        footer_logos=[("logo", {"image": logo, "alt": "Förderer", "link": ""})],
    )
    with_theme = warm_queries(client, home_page.url)
    assert len(with_theme) == len(plain), "\n".join(with_theme)
    html = client.get(home_page.url).content.decode()
    assert "Am Anger 15" in html and "site-header__logo" in html


def test_the_cached_theme_costs_no_query(home_page, django_assert_num_queries):
    site = home_page.get_site()
    themed(site, primary_colour="#8a1c2b")
    site_theme.theme_for_site(site)
    with django_assert_num_queries(0):
        assert site_theme.theme_for_site(site)["primary"] == "#8a1c2b"


def test_footer_address_and_social_links(home_page):
    site = home_page.get_site()
    themed(
        site,
        operator_address="Büro für Bürgerbeteiligung\nAm Anger 15\n07743 Jena",
        social_links=[("link", {"label": "Mastodon", "url": "https://social.example.org/@a"})],
    )
    html = BeautifulSoup(Client().get(home_page.url).content, "html.parser")
    footer = html.find("footer")
    assert "Am Anger 15" in footer.find("address").text
    link = footer.select_one(".site-footer__social a")
    assert link["href"] == "https://social.example.org/@a"
    assert "Mastodon" in link.text


def test_a_saved_theme_forgets_the_cached_pages(
    home_page, settings, django_capture_on_commit_callbacks
):
    """The stylesheet's address is in every page: the page cache forgets the site's pages."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    client = Client()
    client.get(home_page.url)
    assert client.get(home_page.url)[HEADER] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        themed(home_page.get_site(), primary_colour="#8a1c2b")
    answer = client.get(home_page.url)
    assert answer[HEADER] == "MISS"
    assert f"/theme/{home_page.get_site().pk}-" in answer.content.decode()
