"""What happened, and each recipient's notification of it.

An ``Event`` is stored once (its ``key`` is unique: the same news post or
phase start recorded twice is one event). Fanning it out creates one
``Notification`` per recipient; the unique constraints make that exactly
once per recipient and event however often the fan-out task runs.
Personal events (a reply to my comment, my comment was moderated) name their
one ``recipient``; the others reach the followers of their page's project,
department, topics and district.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PHASE_STARTED = "phase_started", _("a phase started")
    PHASE_ENDING = "phase_ending", _("a phase ends soon")
    POLL_OPENED = "poll_opened", _("a poll opened")
    RESULTS_PUBLISHED = "results_published", _("results were published")
    OFFICIAL_ANSWER = "official_answer", _("the city answered officially")
    PROPOSAL_ANSWERED = "proposal_answered", _("the city answered a proposal")
    NEWS = "news", _("a project published news")
    REPLY = "reply", _("someone replied to my comment")
    COMMENT_APPROVED = "comment_approved", _("my comment was approved")
    COMMENT_REJECTED = "comment_rejected", _("my comment was rejected")
    COMMENT_REMOVED = "comment_removed", _("my comment was removed")
    PROPOSAL_APPROVED = "proposal_approved", _("my proposal was published")
    PROPOSAL_REJECTED = "proposal_rejected", _("my proposal was rejected")
    PROPOSAL_REMOVED = "proposal_removed", _("my proposal was removed")


PERSONAL_EVENTS = frozenset(
    {
        EventKind.REPLY,
        EventKind.COMMENT_APPROVED,
        EventKind.COMMENT_REJECTED,
        EventKind.COMMENT_REMOVED,
        EventKind.PROPOSAL_APPROVED,
        EventKind.PROPOSAL_REJECTED,
        EventKind.PROPOSAL_REMOVED,
    }
)


class Event(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    # What makes the event itself happen once, e.g. "news:12", "phase_started:7:2026-12-01".
    key = models.CharField(max_length=200, unique=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    # A path on the portal (the page, with an anchor), made absolute in mails.
    url = models.CharField(_("link"), max_length=500, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-occurred_at"]

    def __str__(self):
        return self.title


class Notification(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    subscriber = models.ForeignKey(
        "notifications.Subscriber",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True) ^ Q(subscriber__isnull=True),
                name="notification_has_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="notification_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "subscriber"],
                condition=Q(subscriber__isnull=False),
                name="notification_once_per_subscriber",
            ),
        ]

    def __str__(self):
        return f"{self.event_id} → {self.user_id or self.subscriber_id}"
