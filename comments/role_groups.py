"""Moderation of a unit and the participation team may moderate (see moderation_scope)."""

from django.contrib.auth.models import Permission

from departments.groups import role_group_ready
from departments.models import Role

MODERATING_ROLES = (Role.MODERATOR, Role.TEAM)


def role_group_made(sender, group, role, department, **kwargs):
    if role in MODERATING_ROLES:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="comments", codename="moderate_comment")
        )


def connect() -> None:
    role_group_ready.connect(role_group_made, dispatch_uid="comments-role-group-permissions")
