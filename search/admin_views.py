"""The search index in the admin (Settings → Search index), for superusers.

It shows what readiness reports (backend, due updates and their age,
parked documents), the rebuild in progress, and every parked update with
its error; one button gives the parked updates fresh tries, as
``search_check --fix`` does.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search import rebuilds
from search.checking import parked_entries, retry_parked
from search.health import outbox_lag, readiness
from search.models import IndexRebuild
from search.tasks import schedule_processing

STATUS_LABELS = {
    "ok": _("working"),
    "degraded": _("working, with delays"),
    "down": _("unavailable"),
}


class SearchIndexStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/status.html"
    page_title = _("Search index")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        health = readiness()
        rebuild = rebuilds.active_rebuild()
        context.update(
            health=health,
            status_label=STATUS_LABELS.get(health["status"], health["status"]),
            lag=outbox_lag(),
            rebuild=rebuild,
            rebuild_stale=rebuilds.stale_reason(rebuild) if rebuild else "",
            last_rebuild=IndexRebuild.objects.filter(active=False).order_by("-started_at").first(),
            parked=parked_entries(),
        )
        return context

    def post(self, request):
        retried = retry_parked()
        schedule_processing()
        messages.success(
            request,
            ngettext(
                "%(count)d parked update will be tried again.",
                "%(count)d parked updates will be tried again.",
                retried,
            )
            % {"count": retried},
        )
        return redirect("search_index_status")
