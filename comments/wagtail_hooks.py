from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from comments.admin_views import CommentModerationViewSet, ModerationPermissionPolicy
from comments.bulk_actions import BULK_ACTIONS
from comments.models import Comment, CommentState
from comments.moderation_menu import moderation_menu_item
from comments.moderation_scope import within_scope
from web.admin_panels import WorkItem, register_work

register_permission_policy(Comment, ModerationPermissionPolicy(Comment), exact_class=True)


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return CommentModerationViewSet()


# The submenu that holds the comments' queue and those other apps register.
hooks.register("register_admin_menu_item", moderation_menu_item)


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@register_work
def comments_to_review(user) -> list[WorkItem]:
    """The moderators' queue: pending, hidden and reported comments in their discussions."""
    if not user.has_perm("comments.moderate_comment"):
        return []
    held = Q(state__in=[CommentState.PENDING, CommentState.HIDDEN])
    reported = Q(state=CommentState.PUBLISHED, reports__resolved=False)
    waiting = within_scope(user, Comment.objects.filter(held | reported)).distinct().count()
    queue = reverse("comments_moderation:index") + "?queue=true"
    return [WorkItem(_("Comments to review"), waiting, queue)]
