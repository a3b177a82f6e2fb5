"""Receivers that keep follows in step with their targets (a removed project,
unit, topic or district takes its follows along)."""

from django.db.models.signals import post_delete

from departments.models import Department
from notifications.models import Follow, FollowTarget, PendingFollow
from pages.models import District, ProjectPage, Topic

TARGET_MODELS = {
    FollowTarget.PROJECT: ProjectPage,
    FollowTarget.DEPARTMENT: Department,
    FollowTarget.TOPIC: Topic,
    FollowTarget.DISTRICT: District,
}


def drop_follows(kind: str):
    def receiver(sender, instance, **kwargs):
        Follow.objects.of_target(kind, instance.pk).delete()
        PendingFollow.objects.filter(target=kind, target_id=instance.pk).delete()

    return receiver


def connect() -> None:
    """Connects this module's receivers; called from ``NotificationsConfig.ready``."""
    for kind, model in TARGET_MODELS.items():
        post_delete.connect(
            drop_follows(kind),
            sender=model,
            weak=False,
            dispatch_uid=f"notifications-drop-follows-{kind}",
        )
