"""Unit-scoped rights on newsletters: the team reaches all, a unit's editors their units' ones."""

from departments.models import Role
from departments.permission_policies import UnitScopedPermissionPolicy

ACTION_ROLES = dict.fromkeys(("add", "change", "delete", "view"), (Role.EDITOR,))


class NewsletterPermissionPolicy(UnitScopedPermissionPolicy):
    action_roles = ACTION_ROLES
