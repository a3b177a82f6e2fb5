"""A unit's moderators moderate the discussions of its projects and of the units below it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from comments import services
from comments.models import CommentState
from departments.models import Role
from participation.refusals import NotFound
from tests.comments.factories import CommentFactory
from tests.comments.helpers import logged_in
from tests.departments.conftest import member
from tests.factories import ProjectPageFactory, UserFactory

RELATIONS = ("own", "parent", "sibling", "child")
# who -> the relations whose discussions they moderate
SCOPE = {
    "unit_moderator": {"own", "child"},
    "team": set(RELATIONS),
    "city_wide_group": set(RELATIONS),
    "editor": set(),
}


@pytest.fixture
def pending(tree, project_index):
    """A comment waiting for review on a project of each unit."""
    return {
        relation: CommentFactory(
            page=ProjectPageFactory(parent=project_index, department=unit),
            state=CommentState.PENDING,
        )
        for relation, unit in tree.items()
    }


@pytest.fixture
def moderators(tree):
    city_wide = UserFactory()
    group = Group.objects.create(name="Moderatorinnen der Stadt")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="moderate_comment", content_type__app_label="comments"),
    )
    city_wide.groups.add(group)
    return {
        "unit_moderator": member(Role.MODERATOR, tree["own"]),
        "team": member(Role.TEAM),
        "city_wide_group": city_wide,
        "editor": member(Role.EDITOR, tree["own"]),
    }


def listed(response) -> set[int]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(box["data-object-id"]) for box in soup.select("input[data-bulk-action-checkbox]")}


@pytest.mark.parametrize("who", ["unit_moderator", "team", "city_wide_group"])
def test_the_queue_shows_the_discussions_in_scope(moderators, pending, who):
    response = logged_in(moderators[who]).get("/cms/comments/?queue=true")
    assert response.status_code == 200
    assert listed(response) == {pending[relation].pk for relation in SCOPE[who]}


def test_an_editor_has_no_queue(moderators, pending):
    response = logged_in(moderators["editor"]).get("/cms/comments/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("who", ["unit_moderator", "team", "city_wide_group"])
def test_comment_pages_and_actions_follow_the_scope(moderators, pending, who, relation):
    comment = pending[relation]
    allowed = relation in SCOPE[who]
    page = logged_in(moderators[who]).get(f"/cms/comments/inspect/{comment.pk}/")
    assert page.status_code == (200 if allowed else 404)
    if allowed:
        approved = services.moderate_one(comment.pk, "approve", moderators[who])
        assert approved.state == CommentState.PUBLISHED
    else:
        with pytest.raises(NotFound):
            services.moderate_one(comment.pk, "approve", moderators[who])
        comment.refresh_from_db()
        assert comment.state == CommentState.PENDING


def test_the_project_filter_offers_only_projects_in_scope(moderators, pending):
    response = logged_in(moderators["unit_moderator"]).get("/cms/comments/")
    soup = BeautifulSoup(response.content, "html.parser")
    offered = {
        option["value"] for option in soup.select("select[name=page] option") if option.get("value")
    }
    expected = {str(pending[relation].page_id) for relation in SCOPE["unit_moderator"]}
    assert offered == expected
