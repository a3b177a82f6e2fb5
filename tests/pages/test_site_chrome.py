"""The header and footer of every page come from the cache and follow every editorial change."""

from bs4 import BeautifulSoup
from django.test import Client

from pages.models import PortalSettings
from tests.factories import StandardPageFactory


def header_and_footer(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    menu = [link.text for link in html.select(".site-nav a")]
    footer = html.find("footer").text
    return html.find(class_="site-header__operator").text, menu, footer


def test_operator_menu_and_legal_links_follow_changes_at_once(home_page, django_assert_num_queries):
    client = Client()
    settings = PortalSettings.for_site(home_page.get_site())
    settings.operator_name = "Stadt Jena"
    settings.save()
    about = StandardPageFactory(parent=home_page, title="Über das Portal", show_in_menus=True)
    operator, menu, footer = header_and_footer(client, home_page.url)
    assert operator == "Stadt Jena" and menu == ["Über das Portal"]
    assert "Impressum" not in footer

    settings.operator_name = "Stadt Weimar"
    settings.imprint_page = about
    settings.save()
    operator, _menu, footer = header_and_footer(client, home_page.url)
    assert operator == "Stadt Weimar" and "Impressum" in footer

    about.title = "Mitmachen"
    about.save_revision().publish()
    assert header_and_footer(client, home_page.url)[1] == ["Mitmachen"]
    about.unpublish()
    assert header_and_footer(client, home_page.url)[1] == []
