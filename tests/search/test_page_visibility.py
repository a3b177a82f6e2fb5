"""Pages enter and leave the search with publishing; restricted pages only for those allowed."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from search.backends.base import SearchQuery, Viewer
from search.models import OutboxEntry
from search.tasks import process_outbox
from search.text import parse_query
from tests.factories import ProjectPageFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def postgres_backend(settings):
    settings.PORTAL_SEARCH_BACKEND = "postgres"


def search_titles(query="Spielplatz", viewer=None):
    from search.backends import get_backend

    results = get_backend().search(
        SearchQuery(parsed=parse_query(query), viewer=viewer or Viewer())
    )
    return [hit.title for hit in results.hits]


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_publishing_indexes_and_unpublishing_removes(
    project_index, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz Lobeda", live=False)
    assert search_titles() == []
    publish(project, django_capture_on_commit_callbacks)
    assert search_titles() == ["Spielplatz Lobeda"]

    project.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        project.unpublish()
    assert search_titles() == []
    assert not OutboxEntry.objects.exists()


def test_drafts_are_never_indexed(project_index, django_capture_on_commit_callbacks):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz Lobeda")
    publish(project, django_capture_on_commit_callbacks)
    project.title = "Spielplatz Geheimplan"
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision()
    assert search_titles("Geheimplan") == []


def test_streamfield_text_is_searchable(project_index, django_capture_on_commit_callbacks):
    from wagtail.blocks import StreamValue

    project = ProjectPageFactory(parent=project_index, title="Holzmarkt")
    project.body = StreamValue(
        project.body.stream_block,
        [
            (
                "faq",
                {
                    "heading": "",
                    "items": [{"question": "Wann kommt der Brunnen?", "answer": "Bald"}],
                },
            ),
            ("quote", {"text": "Mehr Sitzbänke!", "attribution": "Anwohnerin"}),
        ],
        is_lazy=False,
    )
    publish(project, django_capture_on_commit_callbacks)
    assert search_titles("Brunnen") == ["Holzmarkt"]
    assert search_titles("Sitzbänke") == ["Holzmarkt"]


def test_password_pages_are_not_indexed(home_page, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=home_page, title="Spielplatz intern")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    publish(page, django_capture_on_commit_callbacks)
    assert search_titles() == []
    assert search_titles(viewer=Viewer(authenticated=True, superuser=True)) == []


def test_login_and_group_restrictions(home_page, django_capture_on_commit_callbacks):
    staff = Group.objects.create(name="Verwaltung")
    members = StandardPageFactory(parent=home_page, title="Spielplatz für Angemeldete")
    internal = StandardPageFactory(parent=home_page, title="Spielplatz Verwaltung")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=members, restriction_type="login")
        restriction = PageViewRestriction.objects.create(page=internal, restriction_type="groups")
        restriction.groups.add(staff)
    publish(members, django_capture_on_commit_callbacks)
    publish(internal, django_capture_on_commit_callbacks)

    assert search_titles() == []
    assert search_titles(viewer=Viewer(authenticated=True)) == ["Spielplatz für Angemeldete"]
    assert sorted(search_titles(viewer=Viewer(authenticated=True, group_ids=[staff.pk]))) == [
        "Spielplatz Verwaltung",
        "Spielplatz für Angemeldete",
    ]


def test_restricting_a_live_page_takes_it_out_of_public_results(
    project_index, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz Nord")
    publish(project, django_capture_on_commit_callbacks)
    assert search_titles() == ["Spielplatz Nord"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=project_index, restriction_type="login")
    assert search_titles() == []


def test_deleting_a_page_removes_it(project_index, django_capture_on_commit_callbacks):
    project = ProjectPageFactory(parent=project_index, title="Spielplatz Ost")
    publish(project, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert search_titles() == []


def test_changes_wait_in_the_outbox_until_processed(project_index):
    """Without the commit hook (no worker), the outbox keeps the update."""
    project = ProjectPageFactory(parent=project_index, title="Spielplatz West")
    project.save_revision().publish()
    assert OutboxEntry.objects.filter(source="page", object_id=project.pk).exists()
    assert search_titles() == []
    assert process_outbox() >= 1
    assert search_titles() == ["Spielplatz West"]
