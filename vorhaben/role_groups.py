"""What the role groups of ``departments`` may do with Vorhaben and Anregungen in the admin.

Connected to ``departments.groups.role_group_ready``; ``vorhaben.permissions``
then narrows each role to the Vorhaben of its units.
"""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

ACTIONS = {
    Role.TEAM: (
        "add_vorhaben",
        "change_vorhaben",
        "delete_vorhaben",
        "view_vorhaben",
        "view_anregung",
        "change_anregung",
    ),
    Role.EDITOR: (
        "add_vorhaben",
        "change_vorhaben",
        "view_vorhaben",
        "view_anregung",
        "change_anregung",
    ),
    Role.ANALYST: ("view_vorhaben",),
}


def role_group_made(sender, group, role, department, **kwargs):
    codenames = ACTIONS.get(role, ())
    if codenames:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="vorhaben", codename__in=codenames)
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="vorhaben-role-group-permissions")
