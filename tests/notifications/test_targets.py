"""Targets resolve to their object, label and address, under the portal's one visibility rule."""

import pytest
from wagtail.models import Page

from notifications.models import FollowTarget
from notifications.targets import resolve
from participation.page_access import PageAccess
from tests.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def test_a_public_project_resolves_to_its_title_and_page(project):
    target = resolve(PageAccess(), FollowTarget.PROJECT, project.pk)
    assert target.label == "Radweg Saalbahnhof"
    assert target.url == project.url


def test_reference_data_resolves_to_the_filtered_project_list(project, department, topic, district):
    access = PageAccess()
    url = resolve(access, "department", department.pk).url
    assert url.endswith(f"?department={department.slug}")
    assert resolve(access, "topic", topic.pk).label == "Verkehr"
    assert resolve(access, "district", district.pk).url.endswith(f"?district={district.slug}")


def test_the_newsletter_list_is_id_zero_only():
    assert resolve(PageAccess(), "newsletter", 0).url == "/newsletter/"
    assert resolve(PageAccess(), "newsletter", 1) is None


@pytest.mark.parametrize("kind", ["project", "department", "topic", "district", "vorhaben", ""])
def test_unknown_ids_and_kinds_resolve_to_nothing(db, kind):
    assert resolve(PageAccess(), kind, 987654) is None


def test_hidden_projects_resolve_to_nothing(project_index, restricted_project, citizen):
    draft = ProjectPageFactory(parent=project_index, live=False)
    assert resolve(PageAccess(user=citizen), "project", restricted_project.pk) is None
    assert resolve(PageAccess(), "project", draft.pk) is None


def test_a_project_outside_the_visitors_site_resolves_to_nothing(project_index):
    # The practice area: a second tree under the root that no site serves.
    practice_home = Page.get_first_root_node().add_child(
        instance=Page(title="Übungsbereich", slug="uebung")
    )
    practice = ProjectPageFactory(parent=practice_home)
    in_site = PageAccess(site_root=project_index.get_parent().path)
    assert resolve(in_site, "project", practice.pk) is None
