"""The search's part of readiness (``/readyz/`` calls ``readiness`` via PORTAL_READINESS_CHECKS).

* ``down``: the backend does not answer (searches answer 503, updates wait);
* ``degraded``: it answers, but due updates wait longer than
  PORTAL_SEARCH_MAX_LAG_SECONDS (nothing drains the outbox), some are
  parked, or a rebuild stopped beating;
* ``ok`` otherwise.

"Due" are the updates whose back-off is over and that no worker holds:
what a working worker would be writing right now.
"""

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from search import rebuilds
from search.backends import backend_name, get_backend
from search.indexing import pending_entries
from search.models import OutboxEntry
from search.outages import is_outage

DEFAULT_MAX_LAG_SECONDS = 300


def outbox_lag(now=None) -> dict:
    now = now or timezone.now()
    due = pending_entries().filter(available_at__lte=now)
    summary = due.aggregate(oldest=Min("enqueued_at"))
    oldest = summary["oldest"]
    return {
        "outbox_due": due.count(),
        "oldest_due_seconds": round((now - oldest).total_seconds()) if oldest else 0,
        "outbox_pending": pending_entries().count(),
        "parked": OutboxEntry.objects.filter(parked_at__isnull=False).count(),
    }


def readiness() -> dict:
    """{"status": "ok"|"degraded"|"down", "backend", "outbox_due", "oldest_due_seconds",
    "parked", "rebuild", "problems"}.

    ``problems`` names states, never error messages (they can carry host
    names): backend_unreachable, outbox_lag, parked_updates, rebuild_stale.
    A database error is raised (the readiness runner reports it as down).
    """
    problems = []
    status = "ok"
    try:
        get_backend().ping()
    except Exception as error:
        if not is_outage(error):
            raise
        status = "down"
        problems.append("backend_unreachable")
    lag = outbox_lag()
    max_lag = getattr(settings, "PORTAL_SEARCH_MAX_LAG_SECONDS", DEFAULT_MAX_LAG_SECONDS)
    if lag["oldest_due_seconds"] > max_lag:
        problems.append("outbox_lag")
    if lag["parked"]:
        problems.append("parked_updates")
    rebuild = rebuilds.active_rebuild()
    if rebuild is not None and rebuilds.stale_reason(rebuild):
        problems.append("rebuild_stale")
    if problems and status == "ok":
        status = "degraded"
    return {
        "status": status,
        "backend": backend_name(),
        "outbox_due": lag["outbox_due"],
        "oldest_due_seconds": lag["oldest_due_seconds"],
        "parked": lag["parked"],
        "rebuild": rebuild.phase if rebuild is not None else None,
        "problems": problems,
    }
