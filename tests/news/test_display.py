"""The Neuigkeiten section of the project page: due posts only, newest first."""

import re

import pytest
from wagtail.models import PageViewRestriction

from tests.news.conftest import add_news, days

pytestmark = pytest.mark.django_db


def test_the_section_lists_due_posts_newest_first(client, project):
    older = add_news(project, "Auftakt", date=days(-10), body="<p>Es <i>beginnt</i>.</p>")
    newer = add_news(project, "Zwischenstand", date=days(0))
    add_news(project, "Baubeginn im Herbst", date=days(3))

    html = client.get(project.url).content.decode()

    assert html.count('<article class="news-post"') == 2
    assert html.index(f'id="neuigkeit-{newer.key}"') < html.index(f'id="neuigkeit-{older.key}"')
    assert f'<time datetime="{older.date:%Y-%m-%d}">' in html
    assert re.search(r'<h3 id="neuigkeit-[0-9a-f-]+-title">Zwischenstand</h3>', html)
    assert "Es <i>beginnt</i>." in html
    assert "Baubeginn im Herbst" not in html
    assert f'href="/feeds/projekte/{project.pk}/neuigkeiten.rss"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html


def test_no_posts_no_section(client, project):
    add_news(project, "Baubeginn im Herbst", date=days(3))

    html = client.get(project.url).content.decode()

    assert 'class="project__news"' not in html
    assert "neuigkeiten.rss" not in html


def test_a_restricted_page_shows_nothing_of_its_news(client, project):
    add_news(project, "Nur für wenige")
    PageViewRestriction.objects.create(page=project, restriction_type="login")

    response = client.get(project.url)

    assert response.status_code == 302
    assert "Nur für wenige" not in response.content.decode()


def test_signed_in_readers_of_a_login_page_see_the_posts_without_a_feed_link(
    client, project, citizen
):
    add_news(project, "Für Angemeldete")
    PageViewRestriction.objects.create(page=project, restriction_type="login")
    client.force_login(citizen)

    html = client.get(project.url).content.decode()

    assert "Für Angemeldete" in html
    assert "neuigkeiten.rss" not in html
