from wagtail import hooks
from wagtail.permissions import register_permission_policy

from comments.admin_views import CommentModerationViewSet, ModerationPermissionPolicy
from comments.bulk_actions import BULK_ACTIONS
from comments.models import Comment

register_permission_policy(Comment, ModerationPermissionPolicy(Comment), exact_class=True)


@hooks.register("register_admin_viewset")
def register_comment_moderation():
    return CommentModerationViewSet()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
