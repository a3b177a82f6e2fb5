"""What the role groups of ``departments`` may do with pages, images and documents.

Connected to ``departments.groups.role_group_ready``: each time a role group
is made or checked, its page and collection permissions are put in place
(and a new project index gets its editors when it is saved). The team's
group also reviews the approval workflow of the project indexes
(``pages.approval``).
"""

from django.contrib.auth.models import Permission
from django.db.models.signals import post_save
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from departments.groups import role_group_ready, sync_groups
from departments.models import Role
from pages.approval import ensure_approval_workflow
from pages.models import ContactPerson, District, ProjectIndexPage, Topic

# On every project index: editors of any unit add and change projects there
# (pages.permissions narrows each project to its department's editors).
PROJECT_INDEX_ACTIONS = {Role.EDITOR: ("add", "change")}
# On the tree's root: the participation team works everywhere and publishes.
ROOT_ACTIONS = {Role.TEAM: ("add", "change", "publish", "lock", "unlock")}
# Images and documents for their projects.
COLLECTION_ACTIONS = {
    Role.EDITOR: ("add_image", "choose_image", "add_document", "choose_document"),
    Role.TEAM: (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ),
}
# The reference data editors pick on every project: the team maintains it.
REFERENCE_MODELS = (Topic, District, ContactPerson)


def page_permission(action: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def grant_pages(group, role: str) -> None:
    targets = []
    if role in ROOT_ACTIONS:
        targets = [(Page.get_first_root_node(), ROOT_ACTIONS[role])]
    elif role in PROJECT_INDEX_ACTIONS:
        targets = [(index, PROJECT_INDEX_ACTIONS[role]) for index in ProjectIndexPage.objects.all()]
    for page, actions in targets:
        if page is None:
            continue
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=page_permission(action)
            )


def grant_collections(group, role: str) -> None:
    root = Collection.get_first_root_node()
    if root is None:
        return
    for codename in COLLECTION_ACTIONS.get(role, ()):
        app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def grant_reference_data(group, role: str) -> None:
    if role != Role.TEAM:
        return
    for model in REFERENCE_MODELS:
        meta = model._meta
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=meta.app_label,
                codename__in=[
                    f"{action}_{meta.model_name}" for action in ("add", "change", "delete")
                ],
            )
        )


def role_group_made(sender, group, role, department, **kwargs):
    grant_pages(group, role)
    grant_collections(group, role)
    grant_reference_data(group, role)
    if role == Role.TEAM:
        ensure_approval_workflow(group)


def project_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        # The editors' rights on it, and (through the team's group) its approval workflow.
        sync_groups()


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="pages-role-group-permissions")
    post_save.connect(
        project_index_saved, sender=ProjectIndexPage, dispatch_uid="pages-new-project-index"
    )
