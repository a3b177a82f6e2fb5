"""Projects go live through the participation team: "Freigabe durch das Beteiligungsteam".

Editors of a unit add and change projects but may not publish them
(``pages.role_groups``): they submit a project to this workflow, and a member
of the Beteiligungsteam approves it, which publishes it, or requests changes
with a comment. Wagtail sends the e-mails (to the team when a project is
submitted, to the submitter when it is approved or sent back).

Put in place from the team's ``role_group_ready`` (on every migrate, by
``manage.py sync_department_groups`` and when a project index is created),
for every project index that has no workflow of its own yet. Found by its
name; a city that changed the workflow, its task or an index's workflow in
the admin keeps its changes. Wagtail's default workflow ("Freigabe durch die
Redaktion", at the root) stays for the other pages.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from pages.models import ProjectIndexPage

# German, as the administration names them; stored as data, not shown through
# gettext. Wagtail's buttons read "Zur Freigabe durch das Beteiligungsteam
# einreichen" and "Erneut zur Freigabe durch das Beteiligungsteam einreichen".
WORKFLOW_NAME = "Freigabe durch das Beteiligungsteam"
TASK_NAME = "Freigabe durch das Beteiligungsteam"


@transaction.atomic
def ensure_approval_workflow(team: Group) -> Workflow:
    """The workflow, its task reviewed by ``team``, on every project index without a workflow."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    task = ensure_task(workflow)
    if not task.groups.exists():
        task.groups.add(team)
    indexes = ProjectIndexPage.objects.exclude(
        pk__in=WorkflowPage.objects.values_list("page_id", flat=True)
    )
    WorkflowPage.objects.bulk_create(
        [WorkflowPage(page=index, workflow=workflow) for index in indexes]
    )
    return workflow


def ensure_task(workflow: Workflow) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return task
