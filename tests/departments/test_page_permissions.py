"""Who may do what with a project, by role and by where the project's unit sits.

The person holds their role in the 'own' unit (the team city-wide); the
project belongs to that unit, the Dezernat above it (parent), the other
Fachbereich under the same Dezernat (sibling) or the team below it (child).
Every cell of role x relation x action x page state is asserted.
"""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Workflow, WorkflowPage

from pages.admin_forms import ProjectPageForm
from pages.models import ProjectPage
from tests.factories import ProjectPageFactory

RELATIONS = ("own", "parent", "sibling", "child")
STATES = ("draft", "live")
ROLES = ("team", "editor", "moderator", "analyst", "staff", "citizen")

# role -> relations in which the person may edit (and so submit) a project.
EDITS = {
    "team": set(RELATIONS),
    "editor": {"own", "child"},
    "moderator": set(),
    "analyst": set(),
    "staff": set(),
    "citizen": set(),
}
# role -> relations in which the person may publish, unpublish and schedule.
PUBLISHES = {"team": set(RELATIONS)}


@pytest.fixture
def approval(project_index):
    """Projects go through an approval workflow (Wagtail's default one, on the index)."""
    workflow = Workflow.objects.filter(active=True).first()
    WorkflowPage.objects.update_or_create(page=project_index, defaults={"workflow": workflow})
    return workflow


def project_in(project_index, department, state):
    project = ProjectPageFactory(parent=project_index, department=department)
    if state == "draft":
        project.unpublish()
    return ProjectPage.objects.get(pk=project.pk)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_edit_submit_publish_and_delete(
    people, tree, project_index, approval, role, relation, state
):
    project = project_in(project_index, tree[relation], state)
    tester = project.permissions_for_user(people[role])

    edits = relation in EDITS[role]
    publishes = relation in PUBLISHES.get(role, set())
    assert tester.can_edit() is edits
    assert (tester.can_edit() and tester.can_submit_for_moderation()) is edits
    assert tester.can_publish() is publishes
    assert tester.can_unpublish() is (publishes and state == "live")
    assert tester.can_lock() is publishes
    # Editors never delete a live project (that would unpublish it); the team may.
    assert tester.can_delete() is (publishes or (edits and state == "draft"))


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_project_under_the_index(people, project_index, role):
    may_add = project_index.permissions_for_user(people[role]).can_add_subpage()
    assert may_add is (role in ("team", "editor"))


@pytest.mark.parametrize("role", ["team", "editor"])
def test_the_department_choice_follows_the_role(people, tree, project_index, role):
    form_class = ProjectPage.get_edit_handler().get_form_class()
    form = form_class(instance=ProjectPage(), parent_page=project_index, for_user=people[role])
    choosable = set(form.fields["department"].queryset)
    if role == "team":
        assert choosable == set(tree.values())
    else:
        assert choosable == {tree["own"], tree["child"]}
    assert form.fields["department"].required is True
    assert isinstance(form, ProjectPageForm)


def test_an_editor_cannot_post_another_units_department(people, tree, project_index):
    form_class = ProjectPage.get_edit_handler().get_form_class()
    form = form_class(instance=ProjectPage(), parent_page=project_index, for_user=people["editor"])
    field = form.fields["department"]
    assert field.clean(tree["child"].pk) == tree["child"]
    with pytest.raises(ValidationError):
        field.clean(tree["sibling"].pk)
    with pytest.raises(ValidationError):
        field.clean(None)
