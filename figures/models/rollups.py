"""The rollups the figures are read from, rebuilt by ``figures.rollup.refresh``.

Counting a million comments and two million ballots on every view of the
dashboard is too slow, so the counts are kept per day and place
(``DailyFigure``), the times to an answer or a decision one row per case
(``ResponseTime``, a small table: medians need the single values), and the
distinct participants per project and month (``MonthlyParticipants``: a
distinct count cannot be summed over days). ``RollupRun`` records when the
rollups were last rebuilt; the dashboard and the report state it.

The ids are plain integers, not foreign keys: a rollup row outlives nothing
and blocks no deletion; the next refresh drops rows of deleted pages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counters of a DailyFigure row, in the order the exports list them.
COUNTERS = (
    "comments",
    "answered",
    "official_answers",
    "supports",
    "reports",
    "removals",
    "ballots_registered",
    "ballots_staff",
    "ballots_browser",
    "ballots_network",
)


class DailyFigure(models.Model):
    """What happened on one day in one place (a page, or a poll on a page)."""

    day = models.DateField()
    # The page the comments were written on, or the page that shows the poll
    # (the first project, if a poll is shown on several); null for a poll on no page.
    page_id = models.IntegerField(null=True)
    poll_id = models.IntegerField(null=True)
    # The project's department; for a poll on no project, the poll's own.
    department_id = models.IntegerField(null=True)
    # Ballots of staff-only polls (internal pre-votes) never count on public pages.
    staff_only = models.BooleanField(default=False)
    # Contributions: comments that are no official answers, in any state.
    comments = models.PositiveIntegerField(default=0)
    # Contributions of the day that got an official answer in their thread (by now).
    answered = models.PositiveIntegerField(default=0)
    official_answers = models.PositiveIntegerField(default=0)
    supports = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    removals = models.PositiveIntegerField(default=0)
    ballots_registered = models.PositiveIntegerField(default=0)
    ballots_staff = models.PositiveIntegerField(default=0)
    ballots_browser = models.PositiveIntegerField(default=0)
    ballots_network = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        permissions = [("view_figures", _("Can view figures and export them"))]
        indexes = [
            models.Index(fields=["day"], name="figures_daily_day"),
            models.Index(fields=["page_id", "day"], name="figures_daily_page"),
        ]

    def __str__(self):
        return f"{self.day} page {self.page_id} poll {self.poll_id}"


class ResponseTime(models.Model):
    """One answered contribution or one moderation decision, and how long it took."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("official answer")
        DECISION = "decision", _("moderation decision")

    kind = models.CharField(max_length=10, choices=Kind)
    # The day the contribution was written (answers) or the decision was asked for.
    day = models.DateField()
    page_id = models.IntegerField(null=True)
    department_id = models.IntegerField(null=True)
    seconds = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("response time")
        verbose_name_plural = _("response times")
        indexes = [models.Index(fields=["kind", "day"], name="figures_response_day")]

    def __str__(self):
        return f"{self.kind} {self.day}: {self.seconds} s"


class MonthlyParticipants(models.Model):
    """Distinct participants (pseudonymous keys) of one page in one month."""

    month = models.DateField(help_text=_("The first day of the month."))
    page_id = models.IntegerField(null=True)
    department_id = models.IntegerField(null=True)
    participants = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participants per month")
        verbose_name_plural = _("participants per month")
        indexes = [models.Index(fields=["month"], name="figures_participants_month")]

    def __str__(self):
        return f"{self.month} page {self.page_id}: {self.participants}"


class RollupRun(models.Model):
    """One rebuild of the rollups; the newest says how fresh the figures are."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("rollup run")
        verbose_name_plural = _("rollup runs")
        get_latest_by = "finished_at"

    def __str__(self):
        return str(self.finished_at)
