"""Pages in Wagtail's API v2: project fields, filters, search and StreamField blocks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.conftest import call
from tests.comments.factories import CommentFactory
from tests.factories import (
    DepartmentFactory,
    ProjectPageFactory,
    ProjectPhaseFactory,
    TopicFactory,
)

PROJECTS = "/api/v2/pages/?type=pages.ProjectPage"


def titles(body) -> list[str]:
    return sorted(item["title"] for item in body["items"])


def finished_project(parent, **kwargs):
    page = ProjectPageFactory(parent=parent, **kwargs)
    ProjectPhaseFactory(
        page=page, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 2, 1)
    )
    return page


def test_project_detail_has_editorial_and_participation_fields(client, project, comments):
    response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    assert response.status_code == 200
    assert page["teaser"] == "Wie soll der Marktplatz grüner werden?"
    assert page["status"] == {"value": "open", "label": "Beteiligung läuft"}
    assert page["current_phase"]["title"] == "Online-Dialog"
    assert [phase["is_current"] for phase in page["phases"]] == [True]
    assert page["department"]["slug"] == project.department.slug
    assert [topic["slug"] for topic in page["topics"]] == ["radverkehr"]
    assert page["district"] == {"id": project.district.pk, "name": "Lobeda", "slug": "lobeda"}
    assert page["comment_count"] == 1  # only the published one
    assert [poll["title"] for poll in page["polls"]] == [
        "Wie grün soll der Marktplatz werden?",
        "Umfrage mit Redaktionsergebnis",
    ]
    hero = page["hero_image"]
    assert hero["alt"] == "Blick über den Marktplatz"
    assert set(hero["renditions"]) == {"thumbnail", "medium", "large"}
    assert hero["renditions"]["thumbnail"]["url"].startswith("http://127.0.0.1:8000/media/")


def test_blocks_have_clean_representations(client, project):
    _response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    blocks = {}
    for block in page["body"]:
        blocks.setdefault(block["type"], []).append(block["value"])
    # Rich text is display HTML with a real, absolute link; no Wagtail markup.
    paragraph = blocks["paragraph"][0]
    assert 'href="http://127.0.0.1:8000/datenschutz/"' in paragraph
    assert "linktype" not in paragraph
    image = blocks["image"][0]
    assert image["image"]["alt"] == "Bäume am Markt"
    assert image["image"]["renditions"]["medium"]["url"].endswith(".jpg")
    assert image["credit"] == "© Stadt Jena"
    document = blocks["document"][0]["document"]
    assert document["title"] == "Lageplan"
    assert document["url"].startswith("http://127.0.0.1:8000/documents/")
    assert {"size", "file_type", "content_type"} <= set(document)
    assert blocks["call_to_action"][0]["url"] == "http://127.0.0.1:8000/datenschutz/"
    assert blocks["faq"][0]["items"][0]["answer"] == "<p>Alle Bürger*innen.</p>"
    poll = blocks["poll"][0]
    assert poll["state"] == "open"
    assert poll["questions"][0]["choices"][0]["label"] == "Ja"
    assert poll["results"]["ballots"] == 0
    assert poll["api_url"] == f"/api/v1/polls/{poll['id']}"


def test_rich_text_links_to_unpublished_pages_are_not_links(client, project, other_page):
    other_page.unpublish()
    _response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    cta = next(block for block in page["body"] if block["type"] == "call_to_action")
    assert cta["value"]["url"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["Grüner Marktplatz"]),
        ("status=finished", ["Altes Projekt"]),
        ("topic=radverkehr", ["Grüner Marktplatz"]),
        ("district=lobeda", ["Grüner Marktplatz"]),
        ("department=verkehr", ["Altes Projekt"]),
    ],
)
def test_listing_filters(client, project, project_index, query, expected):
    finished_project(
        project_index, title="Altes Projekt", department=DepartmentFactory(name="Verkehr")
    )
    response, body = call(client, "get", f"{PROJECTS}&{query}")
    assert response.status_code == 200, body
    assert titles(body) == expected


def test_filters_take_ids_as_well_as_slugs(client, project):
    topic = project.topics.get()
    _response, body = call(client, "get", f"{PROJECTS}&topic={topic.pk}")
    assert titles(body) == ["Grüner Marktplatz"]


def test_division_filter_finds_its_units_projects(client, project_index):
    division = DepartmentFactory(name="Dezernat Stadtentwicklung", kind="dezernat")
    unit = DepartmentFactory(name="Team Grünflächen", parent=division)
    ProjectPageFactory(parent=project_index, title="Parkpflege", department=unit)
    _response, body = call(client, "get", f"{PROJECTS}&department={division.slug}")
    assert titles(body) == ["Parkpflege"]


@pytest.mark.parametrize("query", ["status=geschlossen", "topic=gibt-es-nicht", "district=999999"])
def test_unknown_filter_values_are_a_problem_naming_them(client, project, query):
    response, body = call(client, "get", f"{PROJECTS}&{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert body["code"] == "unknown_filter_value"
    assert body["errors"][0]["field"] == query.split("=")[0]
    assert "existiert nicht" in body["detail"]


def test_project_filters_need_the_project_type(client, project):
    response, body = call(client, "get", "/api/v2/pages/?status=open")
    assert response.status_code == 400
    assert body["code"] == "filter_needs_project_type"


def test_search_works_with_filters(client, project, project_index):
    TopicFactory(name="Spielplätze", slug="spielplaetze")
    ProjectPageFactory(
        parent=project_index, title="Spielplatz Nord", teaser="Rutschen und Schaukeln"
    )
    _response, body = call(client, "get", f"{PROJECTS}&search=Marktplatz")
    assert titles(body) == ["Grüner Marktplatz"]
    _response, body = call(client, "get", f"{PROJECTS}&search=Schaukeln&status=open")
    assert titles(body) == []
    _response, body = call(client, "get", f"{PROJECTS}&search=Marktplatz&topic=radverkehr")
    assert titles(body) == ["Grüner Marktplatz"]


def test_listing_fields_cost_the_same_queries_for_many_projects(client, project, project_index):
    fields = "teaser,status,phases,department,topics,district,comment_count,polls,hero_image"
    url = f"{PROJECTS}&fields={fields}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    queries()  # the first request creates renditions and fills caches
    baseline = queries()
    today = timezone.localdate()
    for number in range(5):
        page = ProjectPageFactory(parent=project_index, title=f"Weiteres Projekt {number}")
        ProjectPhaseFactory(page=page, start_date=today, end_date=today)
        CommentFactory(page=page)
    assert queries() == baseline
