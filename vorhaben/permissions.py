"""Department rights on Vorhaben in the admin, in the style of ``polls.permissions``.

The model permissions (granted by ``vorhaben.role_groups``) open the
register to a role; the Vorhaben's unit and state say which: the team works
on all; a unit's editors add Vorhaben for their units and change them while
submitted (``vorhaben.rules.editing_refusal``); its evaluators read them.
Anything else does not exist for the user.
"""

from departments.models import Role
from departments.permission_policies import UnitScopedPermissionPolicy
from vorhaben import rules

# action -> the roles that reach a Vorhaben of their unit for it.
ACTION_ROLES = {
    "change": (Role.EDITOR,),
    "delete": (Role.TEAM,),
    "view": rules.READING_ROLES,
}


class VorhabenPermissionPolicy(UnitScopedPermissionPolicy):
    action_roles = ACTION_ROLES

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change":
            # A unit's editors change their Vorhaben only while it is submitted.
            return self.user_has_permission(user, action) and (
                rules.editing_refusal(user, instance) is None
            )
        return super().user_has_permission_for_instance(user, action, instance)
