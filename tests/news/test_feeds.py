"""Each project's news as RSS and Atom: parsed back, stable GUIDs, hidden projects 404."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.feeds.conftest import atom_entries, rss_items
from tests.news.conftest import add_news, days

pytestmark = pytest.mark.django_db


def rss(project):
    return f"/feeds/projekte/{project.pk}/neuigkeiten.rss"


def atom(project):
    return f"/feeds/projekte/{project.pk}/neuigkeiten.atom"


def test_rss_lists_the_due_posts_newest_first(client, project):
    older = add_news(project, "Auftakt", date=days(-10), body="<p>Der <b>Auftakt</b>.</p>")
    newer = add_news(project, "Zwischenstand", date=days(-1))
    add_news(project, "Baubeginn", date=days(5))

    items = rss_items(client.get(rss(project)))

    assert [item["title"] for item in items] == ["Zwischenstand", "Auftakt"]
    assert items[1]["guid"].endswith(f":news-{older.key}")
    assert items[0]["link"] == f"http://localhost/projekte/stadtpark/#neuigkeit-{newer.key}"
    assert "<b>Auftakt</b>" in items[1]["description"]


def test_atom_parses_back_with_the_same_ids(client, project):
    post = add_news(project, "Auftakt", date=days(-2))

    entries = atom_entries(client.get(atom(project)))

    assert [entry["title"] for entry in entries] == ["Auftakt"]
    assert entries[0]["id"] == rss_items(client.get(rss(project)))[0]["guid"]
    assert entries[0]["id"] == f"tag:localhost,2026:news-{post.key}"


def test_the_guid_survives_edits_and_new_revisions(client, project):
    add_news(project, "Auftakt", date=days(-2))
    before = rss_items(client.get(rss(project)))[0]["guid"]
    project.refresh_from_db()
    post = project.news.get()
    post.title = "Auftakt (mit Fotos)"
    project.save_revision().publish()

    after = rss_items(client.get(rss(project)))[0]

    assert (after["title"], after["guid"]) == ("Auftakt (mit Fotos)", before)


def test_an_empty_stream_is_an_empty_feed(client, project):
    assert rss_items(client.get(rss(project))) == []
    assert atom_entries(client.get(atom(project))) == []


@pytest.mark.parametrize("kind", ["login", "groups", "password"])
def test_a_restricted_project_has_no_news_feed(client, project, citizen, kind):
    add_news(project, "Nur für wenige")
    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=kind, password="geheim"
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Ortsteilrat"))
    client.force_login(citizen)

    assert client.get(rss(project)).status_code == 404
    assert client.get(atom(project)).status_code == 404


def test_unpublished_and_practice_projects_have_no_news_feed(client, project, practice_project):
    add_news(practice_project, "Geübt")
    add_news(project, "Vorher")
    project.unpublish()

    for page in (project, practice_project):
        assert client.get(rss(page)).status_code == 404
        assert client.get(atom(page)).status_code == 404
    assert client.get("/feeds/projekte/999999/neuigkeiten.rss").status_code == 404
