"""Department rights on polls in the admin: a role reaches the polls of its unit and below.

The model permissions (granted to the role groups by ``polls.role_groups``)
say what a role may do with polls at all; the poll's department says which
polls: editors add and change the polls of their units, evaluators read
the polls and results of theirs. A poll without a unit is the
participation team's. The team and superusers work on every poll.
"""

from departments.models import Role
from departments.permission_policies import UnitScopedPermissionPolicy

# action -> the roles that reach a poll for it, wherever the poll's unit is covered.
ACTION_ROLES = {
    "change": (Role.EDITOR,),
    "delete": (Role.EDITOR,),
    "view": (Role.EDITOR, Role.ANALYST),
}
# Results and exports: whoever may view the poll in the admin.
RESULTS_ACTION = "view"


class PollPermissionPolicy(UnitScopedPermissionPolicy):
    """Wagtail's model permissions, narrowed to the polls of the units the user's role covers."""

    action_roles = ACTION_ROLES
