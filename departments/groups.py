"""One group per unit and role, made from the department tree.

``sync_groups`` creates what is missing and renames what a renamed unit
changed; a new unit gets its groups when it is saved. Each app grants its
own permissions to the groups it cares about by listening to
``role_group_ready`` (pages: page permissions on the project index; polls:
poll snippets; comments: moderation), so this app knows none of them.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import Signal

from departments.models import CITY_WIDE_ROLES, Department, DepartmentGroup, Role

# Sent for every role group after it was created or checked: group, role, department (or None).
role_group_ready = Signal()

# German, as the administration names them; stored as data, not shown through gettext.
ROLE_NAMES = {
    Role.TEAM: "Beteiligungsteam",
    Role.EDITOR: "Redaktion",
    Role.MODERATOR: "Moderation",
    Role.ANALYST: "Auswertung",
    Role.STAFF: "Mitarbeitende",
}
DEPARTMENT_ROLES = (Role.EDITOR, Role.MODERATOR, Role.ANALYST, Role.STAFF)
GROUP_NAME_LENGTH = 150


def group_name(role: str, department: Department | None) -> str:
    if department is None:
        return ROLE_NAMES[role]
    unit = department.short_name or department.name
    return f"{ROLE_NAMES[role]} · {unit}"[:GROUP_NAME_LENGTH]


def free_name(name: str, group: Group | None) -> str:
    """``name``, or a variant if a group the city made itself already has it."""
    candidate, number = name, 1
    taken = Group.objects.exclude(pk=group.pk if group else None)
    while taken.filter(name=candidate).exists():
        number += 1
        suffix = f" ({number})"
        candidate = name[: GROUP_NAME_LENGTH - len(suffix)] + suffix
    return candidate


def ensure_group(role: str, department: Department | None) -> Group:
    link = (
        DepartmentGroup.objects.select_related("group")
        .filter(role=role, department=department)
        .first()
    )
    wanted = group_name(role, department)
    if link is None:
        group = Group.objects.create(name=free_name(wanted, None))
        DepartmentGroup.objects.create(group=group, role=role, department=department)
    else:
        group = link.group
        if not group.name.startswith(wanted):
            group.name = free_name(wanted, group)
            group.save(update_fields=["name"])
    group.permissions.add(admin_access())
    role_group_ready.send(sender=DepartmentGroup, group=group, role=role, department=department)
    return group


def admin_access() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@transaction.atomic
def sync_groups(department: Department | None = None) -> list[Group]:
    """The role groups of ``department`` (or of every unit and the city-wide ones)."""
    departments = [department] if department else list(Department.objects.order_by("pk"))
    groups = [] if department else [ensure_group(role, None) for role in CITY_WIDE_ROLES]
    for unit in departments:
        groups.extend(ensure_group(role, unit) for role in DEPARTMENT_ROLES)
    return groups


def department_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    transaction.on_commit(lambda: sync_if_outdated(instance.pk))


def sync_if_outdated(department_id: int) -> None:
    """A saved unit's groups, unless they are there with its current name already.

    Saving a unit mostly changes nothing its groups depend on, and units made
    in bulk (the demo, an import) are often synced in the same transaction.
    """
    unit = Department.objects.filter(pk=department_id).first()
    if unit is not None and groups_outdated(unit):
        sync_groups(unit)


def groups_outdated(unit: Department) -> bool:
    names = dict(DepartmentGroup.objects.filter(department=unit).values_list("role", "group__name"))
    return any(
        not names.get(role, "").startswith(group_name(role, unit)) for role in DEPARTMENT_ROLES
    )


def role_group_deleted(sender, instance, **kwargs):
    """A unit that is gone takes its groups along (the people keep their accounts)."""
    Group.objects.filter(pk=instance.group_id).delete()


def grant_departments(group, role, **kwargs) -> None:
    """The participation team maintains the units themselves."""
    if role == Role.TEAM:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="departments",
                codename__in=["add_department", "change_department", "delete_department"],
            )
        )


def migrated(sender, **kwargs) -> None:
    """After every migrate: units that exist have their groups (idempotent).

    ``post_migrate`` comes once per app, in the order of INSTALLED_APPS, also
    after ``flush`` (the tests' transactional teardown), which empties the
    permissions table: only after the last app are the permissions of
    Wagtail's apps (and Django's auth) back that the groups receive.
    """
    if sender is last_app_with_models():
        sync_groups()


def last_app_with_models():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def connect(app_config) -> None:
    role_group_ready.connect(grant_departments, dispatch_uid="departments-team-permissions")
    post_migrate.connect(migrated, dispatch_uid="departments-sync-groups")
    post_save.connect(department_saved, sender=Department, dispatch_uid="department-role-groups")
    post_delete.connect(
        role_group_deleted, sender=DepartmentGroup, dispatch_uid="department-role-group-gone"
    )
