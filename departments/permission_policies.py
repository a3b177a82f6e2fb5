"""Wagtail's model permissions, narrowed to the objects of the units a user's role covers.

One policy for every department-owned model in the admin (polls, Vorhaben):
the model permissions (granted to the role groups) say what a role may do
with such objects at all; ``action_roles`` says which role reaches an
object of its unit (and the units below it) for which action. Objects
without a unit are the participation team's. The team and superusers reach
everything.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from departments.rules import roles_of


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    # action -> the roles that reach an object of their unit for it.
    action_roles: dict[str, tuple[str, ...]] = {}
    department_field = "department_id"

    def reaches(self, user, action: str, department_id: int | None) -> bool:
        if user.is_active and user.is_superuser:
            return True
        roles = roles_of(user)
        return any(roles.covers(role, department_id) for role in self.action_roles.get(action, ()))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.reaches(
            user, action, getattr(instance, self.department_field)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return objects
        roles = roles_of(user)
        reached = Q(pk__in=[])
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            for role in self.action_roles.get(action, ()):
                department_ids = roles.department_ids(role)
                if department_ids is None:
                    return objects
                reached |= Q(**{f"{self.department_field}__in": department_ids})
        return objects.filter(reached)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        reached = [
            user.pk
            for user in users
            if self.user_has_any_permission_for_instance(user, actions, instance)
        ]
        return users.filter(pk__in=reached)
