"""The periodic jobs in the admin (Settings → Periodic jobs): a read-only list.

Operators see each job's last run, error and next run; running or changing
jobs happens in the worker (``manage.py run_periodic_jobs --job NAME`` runs
one now). Only the view permission exists here, for superusers and the
groups it is given to.
"""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from scheduling import registry
from scheduling.models import PeriodicJob


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Looking is all there is: nobody adds, edits or deletes job rows here."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


def describe(job: PeriodicJob) -> str:
    try:
        registered = registry.get_job(job.name)
    except KeyError:
        return _("(no longer registered)")
    return registered.description or _("every %(interval)s") % {"interval": registered.every}


def outcome(job: PeriodicJob) -> str:
    if job.running_until is not None:
        return _("running")
    if job.succeeded is None:
        return _("not run yet")
    if job.succeeded:
        return _("done")
    last_line = job.last_error.strip().splitlines()[-1] if job.last_error.strip() else ""
    return _("failed: %(error)s") % {"error": Truncator(last_line).chars(120)}


class PeriodicJobIndexView(generic.IndexView):
    any_permission_required = ["view"]
    default_ordering = "name"
    paginate_by = 50

    @cached_property
    def columns(self):
        return [
            Column("name", label=_("Job")),
            Column("description", label=_("What it does"), accessor=describe),
            DateColumn("last_started_at", label=_("Last run"), sort_key="last_started_at"),
            Column("outcome", label=_("Result"), accessor=outcome),
            Column("last_duration", label=_("Duration")),
            DateColumn("next_run_at", label=_("Next run"), sort_key="next_run_at"),
        ]


class PeriodicJobViewSet(ModelViewSet):
    model = PeriodicJob
    icon = "time"
    name = "periodic_jobs"
    url_prefix = "periodic-jobs"
    menu_label = gettext_lazy("Periodic jobs")
    add_to_settings_menu = True
    copy_view_enabled = False
    index_view_class = PeriodicJobIndexView

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label="scheduling", codename="view_periodicjob"
        )
