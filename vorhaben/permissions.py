"""Department rights on Vorhaben in the admin, in the style of ``polls.permissions``.

The model permissions (granted by ``vorhaben.role_groups``) open the
register to a role; the Vorhaben's unit and state say which: the team works
on all; a unit's editors add Vorhaben for their units and change them while
submitted (``vorhaben.rules.editing_refusal``); its evaluators read them.
Anything else does not exist for the user.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from departments.models import Role
from departments.rules import roles_of
from vorhaben import rules

# action -> the roles that reach a Vorhaben of their unit for it.
ACTION_ROLES = {
    "change": (Role.EDITOR,),
    "delete": (Role.TEAM,),
    "view": rules.READING_ROLES,
}


class VorhabenPermissionPolicy(ModelPermissionPolicy):
    def reaches(self, user, action: str, department_id: int | None) -> bool:
        roles = roles_of(user)
        return any(roles.covers(role, department_id) for role in ACTION_ROLES.get(action, ()))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return rules.editing_refusal(user, instance) is None
        return self.reaches(user, action, instance.department_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        vorhaben = self.model._default_manager.all()
        roles = roles_of(user)
        reached = Q(pk__in=[])
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            for role in ACTION_ROLES.get(action, ()):
                department_ids = roles.department_ids(role)
                if department_ids is None:
                    return vorhaben
                reached |= Q(department_id__in=department_ids)
        return vorhaben.filter(reached)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        reached = [
            user.pk
            for user in users
            if self.user_has_any_permission_for_instance(user, actions, instance)
        ]
        return users.filter(pk__in=reached)
