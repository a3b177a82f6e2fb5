"""The workflow "Freigabe durch das Beteiligungsteam": editors submit, the team approves."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

from departments.groups import sync_groups
from departments.models import DepartmentGroup, Role
from pages.approval import WORKFLOW_NAME
from pages.models import ProjectPage
from tests.departments.conftest import member
from tests.factories import ProjectIndexPageFactory, ProjectPageFactory, StaffUserFactory


@pytest.fixture
def draft(people, tree, project_index):
    """A project of the 'own' unit its editor has written and not yet submitted."""
    project = ProjectPageFactory(parent=project_index, department=tree["own"])
    project.unpublish()
    project = ProjectPage.objects.get(pk=project.pk)
    project.save_revision(user=people["editor"])
    return project


def test_every_project_index_has_the_workflow_the_team_reviews(tree, project_index):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    [task] = workflow.tasks.specific()
    assert isinstance(task, GroupApprovalTask)
    team = DepartmentGroup.objects.get(role=Role.TEAM, department=None).group
    assert list(task.groups.all()) == [team]
    assert project_index.get_workflow() == workflow
    assert ProjectPageFactory(parent=project_index).get_workflow() == workflow
    # The other pages keep Wagtail's default workflow.
    assert project_index.get_parent().get_workflow().name == "Freigabe durch die Redaktion"


def test_putting_it_in_place_again_changes_nothing_and_keeps_the_citys_choices(
    tree, project_index, home_page
):
    other = ProjectIndexPageFactory(parent=home_page, title="Archiv", slug="archiv")
    own_choice = Workflow.objects.get(name="Freigabe durch die Redaktion")
    WorkflowPage.objects.filter(page=other).update(workflow=own_choice)
    sync_groups()
    sync_groups()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert Workflow.objects.get(name=WORKFLOW_NAME).tasks.count() == 1
    assert WorkflowPage.objects.get(page=project_index).workflow.name == WORKFLOW_NAME
    assert WorkflowPage.objects.get(page=other).workflow == own_choice


def test_the_editor_submits_and_the_team_is_told_by_mail(people, draft):
    it = StaffUserFactory(email="it@jena.example.org")
    workflow = draft.get_workflow()
    assert not draft.permissions_for_user(people["editor"]).can_publish()
    state = workflow.start(draft, people["editor"])
    assert state.current_task_state.task.name == WORKFLOW_NAME
    [message] = [m for m in mail.outbox if people["team"].email in m.to]
    assert draft.title in message.subject
    assert "Sie können" in message.body
    # Not the submitter, nor the IT's superusers: they do not review.
    recipients = {address for m in mail.outbox for address in m.to}
    assert not recipients & {people["editor"].email, it.email}


def test_an_editor_of_another_unit_cannot_open_the_project(client, people, tree, draft):
    draft.get_workflow().start(draft, people["editor"])
    stranger = member(Role.EDITOR, tree["sibling"])
    client.force_login(stranger)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"/pages/{draft.pk}/edit/" not in response.url


def test_the_teams_approval_publishes_the_project_and_tells_the_editor(client, people, draft):
    state = draft.get_workflow().start(draft, people["editor"])
    mail.outbox.clear()
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, people["team"], "approve", comment="Passt, danke!"
    )
    project = ProjectPage.objects.get(pk=draft.pk)
    assert project.live
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    [message] = mail.outbox
    assert message.to == [people["editor"].email]
    assert WORKFLOW_NAME in message.body
    client.logout()
    assert client.get(project.url).status_code == 200


def test_requested_changes_send_the_comment_back_and_keep_it_a_draft(people, draft):
    state = draft.get_workflow().start(draft, people["editor"])
    mail.outbox.clear()
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, people["team"], "reject", comment="Bitte den Zeitplan ergänzen."
    )
    assert not ProjectPage.objects.get(pk=draft.pk).live
    [message] = mail.outbox
    assert message.to == [people["editor"].email]
    assert "Bitte den Zeitplan ergänzen." in message.body


@pytest.mark.parametrize("role", ["moderator", "analyst", "staff", "citizen"])
def test_only_the_team_may_approve(people, draft, role):
    state = draft.get_workflow().start(draft, people["editor"])
    task = state.current_task_state.task.specific
    assert task.get_actions(draft, people[role]) == []
    assert [name for name, _label, _comment in task.get_actions(draft, people["team"])] == [
        "reject",
        "approve",
        "approve",
    ]
