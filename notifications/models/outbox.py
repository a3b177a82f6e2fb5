"""Every mail the portal sends on its own, one row per recipient and message.

``key`` is the idempotency key (``notification:<id>``, ``digest:<user>:<until>``,
``newsletter:<id>:<address hash>``, ``confirm:<pending id>``): a retried or
doubled task inserts nothing new (``bulk_create(ignore_conflicts=True)``), and
a row is sent only by the worker that moved it from QUEUED to SENDING under
a row lock (``notifications.delivery``). What to render is named by ``kind``
and ``reference``; the text is rendered when it is sent, in the recipient's
language, so 100,000 queued rows stay small.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryKind(models.TextChoices):
    NOTIFICATION = "notification", _("notification")
    DIGEST = "digest", _("digest")
    NEWSLETTER = "newsletter", _("newsletter")
    CONFIRMATION = "confirmation", _("confirmation of a follow")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DeliveryKind.choices)
    # The ids the renderer of ``kind`` needs, e.g. {"notification": 12}.
    reference = models.JSONField(default=dict)
    to = models.EmailField(_("recipient"))
    language = models.CharField(max_length=10, default="de")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail delivery")
        verbose_name_plural = _("mail deliveries")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
            models.Index(fields=["kind", "status"], name="delivery_kind_status_idx"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.to} ({self.status})"
