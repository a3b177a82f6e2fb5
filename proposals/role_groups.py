"""What the role groups of ``departments`` may do with idea collections and proposals.

Connected to ``departments.groups.role_group_ready``; ``proposals.permissions``
then narrows each role to the projects of its units.
"""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

ACTIONS = {
    Role.TEAM: (
        "add_ideacollection",
        "change_ideacollection",
        "delete_ideacollection",
        "view_ideacollection",
        "view_proposal",
    ),
    Role.EDITOR: (
        "add_ideacollection",
        "change_ideacollection",
        "view_ideacollection",
        "view_proposal",
    ),
    Role.MODERATOR: ("view_ideacollection", "view_proposal"),
    Role.ANALYST: ("view_ideacollection", "view_proposal"),
}


def role_group_made(sender, group, role, department, **kwargs):
    codenames = ACTIONS.get(role, ())
    if codenames:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="proposals", codename__in=codenames)
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="proposals-role-group-permissions")
