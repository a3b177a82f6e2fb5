"""The practice area appears on no public surface, for visitors, trainees and superusers alike.

Every surface works within the site of the request, and no site serves the
practice area; each surface has its own test. A real project with the same
words shows that each surface would find it.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from comments.models import Comment
from pages.models import ProjectPage
from polls.models import Poll
from search.tasks import process_outbox
from tests.factories import ProjectPageFactory, UserFactory, add_phases
from training.practice import practice_pages, read_data, reset_practice_area

DATA = read_data()
WORD = "Spielplatz"
PRACTICE_TITLE = "Übung: Neuer Spielplatz im Musterviertel"
REAL_TITLE = "Spielplatz am Markt"


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


@pytest.fixture
def portal(project_index, django_capture_on_commit_callbacks):
    """The real portal with one project, and the practice area, both indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        real = ProjectPageFactory(parent=project_index, title=REAL_TITLE)
        add_phases(real, ("2026-01-01", "2030-12-31"))
        real.save_revision().publish()
        reset_practice_area()
    process_outbox()
    return real


@pytest.fixture
def practice_project(portal):
    return ProjectPage.objects.get(title=PRACTICE_TITLE)


@pytest.fixture
def practice_poll(portal):
    return Poll.objects.get(title=DATA["poll"]["title"])


def trainee():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=DATA["group"]))
    return user


@pytest.fixture(params=["visitor", "trainee", "superuser"])
def viewer(request, client, portal):
    """The client signed in as each kind of viewer (the trainee passes the view restriction)."""
    if request.param == "trainee":
        client.force_login(trainee())
    elif request.param == "superuser":
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_practice_area_has_no_address(portal, practice_project):
    assert practice_project.get_url() is None
    assert all(page.get_url() is None for page in practice_pages())


def test_its_pages_are_not_served(viewer, practice_project):
    for page in practice_pages():
        assert viewer.get(page.url_path).status_code == 404
    # Not under the portal's own address either.
    assert viewer.get(f"/projekte/{practice_project.slug}/").status_code == 404


def test_the_project_list_and_start_page_leave_it_out(viewer, portal, project_index):
    listing = viewer.get(project_index.url).content.decode()
    assert REAL_TITLE in listing
    assert PRACTICE_TITLE not in listing
    start = viewer.get("/").content.decode()
    assert REAL_TITLE in start
    assert PRACTICE_TITLE not in start


def test_the_search_page_leaves_it_out(viewer):
    content = viewer.get("/search/", {"q": WORD}).content.decode()
    assert REAL_TITLE in content
    assert "Übung" not in content


def test_the_search_api_leaves_it_out_of_hits_counts_and_facets(viewer, practice_project):
    body = viewer.get("/api/v1/search/", {"q": WORD}).json()
    assert [hit["title"] for hit in body["hits"]] == [REAL_TITLE]
    assert body["total"] == 1
    project_facet = [value["value"] for value in body["facets"].get("project", [])]
    assert str(practice_project.pk) not in project_facet
    assert all(value["count"] <= 1 for values in body["facets"].values() for value in values), body[
        "facets"
    ]


def test_the_search_finds_nothing_of_the_practice_words(viewer):
    body = viewer.get("/api/v1/search/", {"q": "Musterviertel"}).json()
    assert body["total"] == 0 and body["hits"] == []
    assert not any(body["facets"].values())
    # Its comments are words of the practice discussion only.
    assert viewer.get("/api/v1/search/", {"q": "Schatten"}).json()["total"] == 0


def test_autocomplete_suggests_nothing_of_it(viewer):
    titles = [
        entry["title"] for entry in viewer.get("/api/v1/search/autocomplete", {"q": "Spiel"}).json()
    ]
    assert titles == [REAL_TITLE]
    assert viewer.get("/api/v1/search/autocomplete", {"q": "Übung"}).json() == []


def test_the_sitemap_leaves_it_out(viewer, portal):
    content = viewer.get("/sitemap.xml").content.decode()
    assert portal.slug in content
    assert "uebung" not in content


def test_the_pages_api_leaves_it_out(viewer, portal, practice_project):
    listed = viewer.get("/api/v2/pages/", {"limit": 100}).json()
    ids = {item["id"] for item in listed["items"]}
    assert portal.pk in ids
    assert not ids & set(practice_pages().values_list("pk", flat=True))
    projects = viewer.get("/api/v2/pages/", {"type": "pages.ProjectPage"}).json()
    assert [item["title"] for item in projects["items"]] == [REAL_TITLE]
    assert viewer.get(f"/api/v2/pages/{practice_project.pk}/").status_code == 404
    home = Page.objects.get(depth=2, slug=DATA["home"]["slug"])
    assert viewer.get(f"/api/v2/pages/{home.pk}/").status_code == 404


def test_the_participation_api_leaves_out_its_poll(viewer, practice_poll):
    assert viewer.get(f"/api/v1/polls/{practice_poll.pk}").status_code == 404


def test_the_participation_api_leaves_out_its_discussion(viewer, portal, practice_project):
    assert viewer.get(f"/api/v1/comments/pages/{portal.pk}").status_code == 200
    assert Comment.objects.filter(page=practice_project).exists()
    response = viewer.get(f"/api/v1/comments/pages/{practice_project.pk}")
    assert response.status_code == 404
