"""Reports on proposals and the moderators' log (imported by ``proposals.models``).

Reports reuse the comments' reasons (``comments.models.ReportReason``): a
citizen chooses from the same list under a comment and under a proposal.
A report stays open until a moderator acts on the proposal; one account has
at most one open report per proposal (a partial unique constraint), and may
report again after its earlier report was dealt with.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import ReportReason


class ProposalReport(models.Model):
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    # The participant's key (a hash, never the account id or an address).
    participant_key = models.CharField(max_length=64)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "participant_key"],
                condition=Q(resolved=False),
                name="one_open_proposal_report_per_participant",
            )
        ]
        indexes = [models.Index(fields=["proposal", "resolved"], name="proposal_report_open")]

    def __str__(self):
        return f"{self.get_reason_display()} (#{self.proposal_id})"


class ProposalModerationAction(models.TextChoices):
    PUBLISH = "publish", _("published")
    REJECT = "reject", _("rejected")
    REMOVE = "remove", _("removed")
    RESTORE = "restore", _("restored")
    DISMISS = "dismiss", _("reports dismissed")
    AUTO_HIDE = "auto_hide", _("hidden automatically after reports")


class ProposalModerationLogEntry(models.Model):
    """Who did what to which proposal, and when (shown on its moderation page)."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="moderation_log",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for automatic actions."),
    )
    action = models.CharField(_("action"), max_length=20, choices=ProposalModerationAction)
    from_state = models.CharField(_("previous state"), max_length=10)
    to_state = models.CharField(_("new state"), max_length=10)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log entries")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.proposal_id}"
