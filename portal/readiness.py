"""The portal's own readiness checks (see portal/health.py for how they are run).

Each returns ``{"status": "ok" | "degraded" | "down", ...details}``; details
name states and counts, never error messages (they can carry host names).
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.utils import timezone


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}


def cache() -> dict:
    backend = caches["default"]
    breaker = getattr(backend, "breaker", None)
    if breaker is None:
        # A per-process memory cache (development without Redis): nothing to reach.
        return {"status": "ok", "backend": type(backend).__name__}
    if backend.ping():
        return {"status": "ok", "backend": "redis"}
    return {
        "status": "degraded",
        "backend": "redis",
        "breaker": "open",
        "retry_in_seconds": round(breaker.retry_in(), 1),
        "error": breaker.last_error,
        "fallback": "database reads, rate limits per process",
    }


def task_queue() -> dict:
    """How far the db_worker queue is behind: ready tasks and the oldest one's wait."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return {"status": "ok", "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest(F("enqueued_at"), F("run_after")),
    )
    found = DBTaskResult.objects.ready().aggregate(ready=Count("pk"), oldest=Min(due_since))
    lag = (now - found["oldest"]) if found["oldest"] else timedelta(0)
    lag_seconds = max(0, int(lag.total_seconds()))
    limit = settings.PORTAL_READINESS_TASK_LAG_SECONDS
    return {
        "status": "degraded" if lag_seconds > limit else "ok",
        "ready_tasks": found["ready"],
        "oldest_ready_seconds": lag_seconds,
        "lag_limit_seconds": limit,
    }
