"""What the role groups of ``departments`` may do with polls in the admin.

Connected to ``departments.groups.role_group_ready``. The model permissions
open the poll admin to a role; ``polls.permissions`` then narrows each role
to the polls of its units.
"""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

# Editors build the polls of their units, evaluators read them and their results.
POLL_ACTIONS = {
    Role.TEAM: ("add", "change", "view"),
    Role.EDITOR: ("add", "change", "view"),
    Role.ANALYST: ("view",),
}


def role_group_made(sender, group, role, department, **kwargs):
    actions = POLL_ACTIONS.get(role, ())
    if actions:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="polls",
                codename__in=[f"{action}_poll" for action in actions],
            )
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="polls-role-group-permissions")
