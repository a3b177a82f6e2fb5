"""What the role groups of ``departments`` may do with newsletters in the admin.

Connected to ``departments.groups.role_group_ready``; ``newsletters.permissions``
then narrows a unit's editors to the newsletters of their units.
"""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

CODENAMES = ("add_newsletter", "change_newsletter", "delete_newsletter", "view_newsletter")
ACTIONS = {Role.TEAM: CODENAMES, Role.EDITOR: CODENAMES}


def role_group_made(sender, group, role, department, **kwargs):
    codenames = ACTIONS.get(role, ())
    if codenames:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="newsletters", codename__in=codenames
            )
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="newsletters-role-group-permissions")
