"""Who follows what: a signed-in citizen with their account, a visitor by e-mail.

A follow names its target by kind and id (a project page, a department, a
topic, a district, or the newsletter list as a whole), not by a foreign key
per kind: the audience of an event is one query over ``(target, target_id)``
pairs, and removing a target removes its follows (``notifications.signals``).

A visitor without an account confirms by e-mail first (double opt-in).
Until then only ``PendingFollow`` holds the address, the target and the hash
of the confirmation token; unconfirmed entries are deleted after
``PENDING_DAYS``. A ``Subscriber`` exists only once an address confirmed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PENDING_DAYS = 7


class FollowTarget(models.TextChoices):
    PROJECT = "project", _("project")
    DEPARTMENT = "department", _("department")
    TOPIC = "topic", _("topic")
    DISTRICT = "district", _("district")
    # The newsletter list: target_id is 0 for the city's newsletter.
    NEWSLETTER = "newsletter", _("newsletter")


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    DAILY = "daily", _("daily digest")
    WEEKLY = "weekly", _("weekly digest")
    NEVER = "never", _("no e-mail (notification centre only)")


class Subscriber(models.Model):
    """A confirmed e-mail address of a visitor without an account."""

    email = models.EmailField(_("e-mail address"), unique=True)
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("e-mail subscriber")
        verbose_name_plural = _("e-mail subscribers")

    def __str__(self):
        return self.email


class PendingFollow(models.Model):
    """A follow by e-mail waiting for its confirmation link to be opened."""

    email = models.EmailField(_("e-mail address"))
    target = models.CharField(_("target"), max_length=20, choices=FollowTarget.choices)
    target_id = models.PositiveBigIntegerField(_("target id"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("unconfirmed follow")
        verbose_name_plural = _("unconfirmed follows")

    def __str__(self):
        return f"{self.target} {self.target_id} (unconfirmed)"


class FollowQuerySet(models.QuerySet):
    def of_target(self, target: str, target_id: int):
        return self.filter(target=target, target_id=target_id)


class Follow(models.Model):
    """One account or one confirmed address following one target."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    target = models.CharField(_("target"), max_length=20, choices=FollowTarget.choices)
    target_id = models.PositiveBigIntegerField(_("target id"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        indexes = [models.Index(fields=["target", "target_id"], name="follow_target_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True) ^ Q(subscriber__isnull=True),
                name="follow_has_one_follower",
            ),
            models.UniqueConstraint(
                fields=["user", "target", "target_id"],
                condition=Q(user__isnull=False),
                name="follow_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "target", "target_id"],
                condition=Q(subscriber__isnull=False),
                name="follow_once_per_subscriber",
            ),
        ]

    def __str__(self):
        return f"{self.target} {self.target_id}"


class NotificationSettings(models.Model):
    """A signed-in citizen's choices; without a row, every event by e-mail at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    # The EventKind values the citizen does NOT want; empty means all of them.
    muted_events = models.JSONField(_("muted events"), default=list, blank=True)
    frequency = models.CharField(
        _("e-mail"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    # When the last digest went out: the next one holds what came after.
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"
