"""A newsletter: composed in the admin, sent once to one audience, then archived in public.

The audience is the newsletter list (all confirmed newsletter subscribers
and the accounts that follow it), or the followers of one department (and
of every unit below it, as a Dezernat's page lists its teams' projects), one
topic or one district. ``department`` is the owning unit: its editors write
and send the newsletter, and only to their own units' followers; without a
unit it is the participation team's.

The status moves draft → scheduled → sending → sent, forward only, in
``newsletters.services`` under a row lock. At the start of sending the
audience's follow targets are stored (``audience_targets``): the figures and
the departures count against what was really addressed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from newsletters.blocks import NewsletterStreamBlock


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SCHEDULED = "scheduled", _("scheduled")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")


class Audience(models.TextChoices):
    SUBSCRIBERS = "subscribers", _("all newsletter subscribers")
    DEPARTMENT = "department", _("followers of a department (and its units)")
    TOPIC = "topic", _("followers of a topic")
    DISTRICT = "district", _("followers of a district")


EDITABLE_STATUSES = (NewsletterStatus.DRAFT, NewsletterStatus.SCHEDULED)


class NewsletterQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=NewsletterStatus.SENT).order_by("-sent_at", "-pk")


class Newsletter(models.Model):
    subject = models.CharField(_("subject"), max_length=150)
    intro = models.TextField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("A short first paragraph; mail programs show it as the preview line."),
    )
    body = StreamField(NewsletterStreamBlock(), verbose_name=_("content"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.SUBSCRIBERS
    )
    audience_department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department of the audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    audience_topic = models.ForeignKey(
        "pages.Topic",
        verbose_name=_("topic of the audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    audience_district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district of the audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsletters",
        help_text=_("Empty: a newsletter of the participation team."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NewsletterStatus.choices,
        default=NewsletterStatus.DRAFT,
        editable=False,
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    # [[target, target_id], ...] as addressed when sending started.
    audience_targets = models.JSONField(default=list, blank=True, editable=False)
    recipients = models.PositiveIntegerField(_("recipients"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "scheduled_at"], name="newsletter_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="subscribers")
                | Q(audience="department", audience_department__isnull=False)
                | Q(audience="topic", audience_topic__isnull=False)
                | Q(audience="district", audience_district__isnull=False),
                name="newsletter_audience_named",
            )
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("newsletter:detail", args=(self.pk, self.slug))

    @property
    def slug(self) -> str:
        return slugify(self.subject)[:80] or "newsletter"

    @property
    def key_prefix(self) -> str:
        """The outbox keys of this newsletter's recipients (test mails have their own)."""
        return f"newsletter:{self.pk}:"

    def audience_label(self) -> str:
        named = self.audience_department or self.audience_topic or self.audience_district
        if self.audience == Audience.SUBSCRIBERS or named is None:
            return str(self.get_audience_display())
        return f"{self.get_audience_display()}: {named}"


class NewsletterDeparture(models.Model):
    """One follower who left the newsletter's audience within days of it: a count, no identity."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="departures")
    recorded_on = models.DateField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscription after a newsletter")
        verbose_name_plural = _("unsubscriptions after a newsletter")

    def __str__(self):
        return f"{self.newsletter_id}: {self.recorded_on}"
