"""The role groups of ``departments`` that read figures: analysts, editors and the team.

Connected to ``departments.groups.role_group_ready``; ``figures.rules``
narrows each role to the figures of its units.
"""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

FIGURE_ROLES = (Role.TEAM, Role.EDITOR, Role.ANALYST)


def role_group_made(sender, group, role, department, **kwargs):
    if role in FIGURE_ROLES:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="figures", codename="view_figures")
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="figures-role-group-permissions")
