"""The ``news`` field of a project in the Wagtail API v2."""

import pytest
from wagtail.models import PageViewRestriction

from tests.news.conftest import add_news, days

pytestmark = pytest.mark.django_db


def test_the_api_lists_due_posts_with_html_and_anchor(client, project):
    post = add_news(
        project,
        "Auftakt",
        date=days(-1),
        body=f'<p>Siehe <a linktype="page" id="{project.pk}">das Projekt</a>.</p>',
    )
    add_news(project, "Später", date=days(4))

    data = client.get(f"/api/v2/pages/{project.pk}/").json()

    assert data["news"] == [
        {
            "key": str(post.key),
            "title": "Auftakt",
            "date": post.date.isoformat(),
            "body": '<p>Siehe <a href="/projekte/stadtpark/">das Projekt</a>.</p>',
            "url": f"http://localhost/projekte/stadtpark/#neuigkeit-{post.key}",
        }
    ]


def test_the_rich_text_format_applies_to_news(client, project):
    add_news(project, "Auftakt", body="<p>Ganz <b>wichtig</b></p>")

    data = client.get(f"/api/v2/pages/{project.pk}/?rich_text_format=markdown").json()

    assert data["news"][0]["body"].strip() == "Ganz **wichtig**"


def test_the_listing_offers_news_and_hides_restricted_projects(client, project):
    add_news(project, "Auftakt")
    listing = client.get("/api/v2/pages/?type=pages.ProjectPage&fields=news").json()
    assert [item["news"][0]["title"] for item in listing["items"]] == ["Auftakt"]

    PageViewRestriction.objects.create(page=project, restriction_type="password", password="x")

    assert client.get(f"/api/v2/pages/{project.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/?type=pages.ProjectPage&fields=news").json()
    assert listing["items"] == []
