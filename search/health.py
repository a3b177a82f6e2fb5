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
    "parked", "rebuild", "detail"}; never raises (the database being away is "down")."""
    try:
        return _readiness()
    except Exception as error:
        return {
            "status": "down",
            "backend": backend_name(),
            "outbox_due": None,
            "oldest_due_seconds": None,
            "parked": None,
            "rebuild": None,
            "detail": f"{type(error).__name__}: {error}",
        }


def _readiness() -> dict:
    name = backend_name()
    problems = []
    status = "ok"
    try:
        get_backend().ping()
    except Exception as error:
        if not is_outage(error):
            raise
        status = "down"
        problems.append(f"backend unavailable: {error}")
    lag = outbox_lag()
    max_lag = getattr(settings, "PORTAL_SEARCH_MAX_LAG_SECONDS", DEFAULT_MAX_LAG_SECONDS)
    if lag["oldest_due_seconds"] > max_lag:
        problems.append(f"oldest due update waits {lag['oldest_due_seconds']} s")
    if lag["parked"]:
        problems.append(f"{lag['parked']} parked updates (search_check)")
    rebuild = rebuilds.active_rebuild()
    if rebuild is not None and rebuilds.stale_reason(rebuild):
        problems.append(f"rebuild {rebuild.owner}: {rebuilds.stale_reason(rebuild)}")
    if problems and status == "ok":
        status = "degraded"
    return {
        "status": status,
        "backend": name,
        "outbox_due": lag["outbox_due"],
        "oldest_due_seconds": lag["oldest_due_seconds"],
        "parked": lag["parked"],
        "rebuild": rebuild.phase if rebuild is not None else None,
        "detail": "; ".join(problems),
    }
