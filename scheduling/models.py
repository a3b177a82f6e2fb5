"""The state of each periodic job, shared by every worker process.

A row is created the first time a runner sees a registered job (due at
once). ``running_until`` is a lease: a runner that claims the job sets it,
so that a second worker skips the job while it runs, and a worker that died
mid-job frees it again when the lease ends.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_duration = models.DurationField(_("duration of the last run"), null=True, blank=True)
    running_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def succeeded(self) -> bool | None:
        """Whether the last finished run went without an error (None: it never ran)."""
        if self.last_finished_at is None:
            return None
        return not self.last_error
