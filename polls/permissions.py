"""Department rights on polls in the admin: a role reaches the polls of its unit and below.

The model permissions (granted to the role groups by ``polls.role_groups``)
say what a role may do with polls at all; the poll's department says which
polls: editors add and change the polls of their units, evaluators read
the polls and results of theirs. A poll without a unit is the
participation team's. The team and superusers work on every poll.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from departments.models import Role
from departments.rules import roles_of

# action -> the roles that reach a poll for it, wherever the poll's unit is covered.
ACTION_ROLES = {
    "change": (Role.EDITOR,),
    "delete": (Role.EDITOR,),
    "view": (Role.EDITOR, Role.ANALYST),
}
# Results and exports: whoever may view the poll in the admin.
RESULTS_ACTION = "view"


class PollPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions, narrowed to the polls of the units the user's role covers."""

    def reaches(self, user, action: str, department_id: int | None) -> bool:
        if user.is_active and user.is_superuser:
            return True
        roles = roles_of(user)
        return any(roles.covers(role, department_id) for role in ACTION_ROLES.get(action, ()))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.reaches(
            user, action, instance.department_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        polls = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return polls
        roles = roles_of(user)
        reached = Q(pk__in=[])
        for action in actions:
            if not self.user_has_permission(user, action):
                continue
            for role in ACTION_ROLES.get(action, ()):
                department_ids = roles.department_ids(role)
                if department_ids is None:
                    return polls
                reached |= Q(department_id__in=department_ids)
        return polls.filter(reached)

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        reached = [
            user.pk
            for user in users
            if self.user_has_any_permission_for_instance(user, actions, instance)
        ]
        return users.filter(pk__in=reached)
