"""Department rights on idea collections and proposals in the admin.

The owning unit is the project's (``page.department``): the team reaches
all, a unit's editors set up and change their projects' collections, its
moderators and evaluators read them and their proposals. Anything else
does not exist for the user (Wagtail asks these policies for every object).
"""

from departments.models import Role
from departments.permission_policies import UnitScopedPermissionPolicy

READING_ROLES = (Role.TEAM, Role.EDITOR, Role.MODERATOR, Role.ANALYST)


class ProjectUnitPermissionPolicy(UnitScopedPermissionPolicy):
    """``department_field`` is a lookup through the project page; ``page_of`` follows it."""

    def page_of(self, instance):
        raise NotImplementedError

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.reaches(
            user, action, self.page_of(instance).department_id
        )


class IdeaCollectionPermissionPolicy(ProjectUnitPermissionPolicy):
    department_field = "page__department_id"
    action_roles = {
        "add": (Role.TEAM, Role.EDITOR),
        "change": (Role.TEAM, Role.EDITOR),
        # Deleting a collection deletes citizens' proposals: the team only.
        "delete": (Role.TEAM,),
        "view": READING_ROLES,
    }

    def page_of(self, instance):
        return instance.page


class ProposalPermissionPolicy(ProjectUnitPermissionPolicy):
    department_field = "collection__page__department_id"
    # Read only: official answers (rules.answer_refusal) and moderation have their own views.
    action_roles = {"view": READING_ROLES}

    def page_of(self, instance):
        return instance.collection.page
