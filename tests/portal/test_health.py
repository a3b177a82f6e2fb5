"""Liveness and readiness: what load balancers and Kubernetes probes ask."""

import ast
import datetime
import json
import re
import socket

import psycopg
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.portal.test_settings import PRODUCTION_ENV, ROOT, manage


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unreachable_database():
    """A database check against a server that refuses connections (a real refusal)."""
    psycopg.connect(host="127.0.0.1", port=closed_port(), connect_timeout=1)


def degraded_check():
    return {"status": "degraded", "outbox_lag_seconds": 900}


def broken_check():
    raise RuntimeError("the backend said no")


def test_liveness_needs_no_database_and_is_never_cached():
    # No db fixture: any query would raise (pytest-django blocks the database).
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


def test_readiness_lists_each_check_with_its_state(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = Client().get("/readyz/")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert set(body["checks"]) == {"database", "cache", "search", "tasks"}
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["cache"]["status"] == "ok"
    assert body["checks"]["tasks"]["status"] == "ok"
    assert body["checks"]["tasks"]["ready_tasks"] == 0
    for check in body["checks"].values():
        assert check["status"] in ("ok", "degraded", "down")
    assert body["status"] == ("ok" if body["checks"]["search"]["status"] == "ok" else "degraded")
    assert response.status_code == 200


def test_a_check_that_is_not_installed_is_down_for_itself_only(db, settings):
    settings.PORTAL_READINESS_CHECKS = {
        "database": "portal.readiness.database",
        "search": "search.health_does_not_exist.readiness",
    }
    response = Client().get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"


def test_optional_parts_failing_are_degraded_not_unavailable(db, settings):
    settings.PORTAL_READINESS_CHECKS = {
        "database": "portal.readiness.database",
        "search": "tests.portal.test_health.degraded_check",
        "broken": "tests.portal.test_health.broken_check",
    }
    response = Client().get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {"status": "degraded", "outbox_lag_seconds": 900}
    # The error's class, never its message (it can name hosts).
    assert body["checks"]["broken"] == {"status": "down", "error": "RuntimeError"}


def test_without_the_database_the_portal_is_not_ready(db, settings):
    settings.PORTAL_READINESS_CHECKS = {
        "database": "tests.portal.test_health.unreachable_database",
        "cache": "portal.readiness.cache",
    }
    response = Client().get("/readyz/")
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {"status": "down", "error": "OperationalError"}


def test_overdue_tasks_make_the_queue_degraded(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_READINESS_TASK_LAG_SECONDS = 60
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="search.tasks.process_outbox",
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(minutes=10),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    tasks = Client().get("/readyz/").json()["checks"]["tasks"]
    assert tasks["status"] == "degraded"
    assert tasks["ready_tasks"] == 1
    assert tasks["oldest_ready_seconds"] >= 600


PROBE = """
import json
from django.test import Client
client = Client()
answers = {{}}
for path in ("/healthz/", "/readyz/", "/"):
    response = client.get(path, HTTP_HOST="10.1.2.3:8000")
    answers[path] = [response.status_code, response.content.decode()[:2000]]
print(json.dumps(answers))
"""


def test_probes_pass_the_production_host_and_https_rules(db):
    """A kubelet asks the pod's address over plain HTTP; other pages stay host-checked."""
    database = connection.settings_dict
    env = {
        **PRODUCTION_ENV,
        # The test database: migrated, so every check finds its tables.
        "DATABASE_URL": (
            f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        # Nothing listens there: readiness says "degraded", it does not fail.
        "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0",
    }
    result = manage("shell", "-c", PROBE.format(), **env)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["/healthz/"] == [200, "ok"]
    status, content = answers["/readyz/"]
    assert status == 200
    body = json.loads(content)
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["status"] == "degraded"
    assert answers["/"][0] == 400  # DisallowedHost: the rules still hold elsewhere


def test_production_exempts_both_probes_from_the_https_redirect():
    text = (ROOT / "portal" / "settings" / "production.py").read_text()
    exempt = ast.literal_eval(re.search(r"SECURE_REDIRECT_EXEMPT = (\[.*\])", text).group(1))
    for path in ("healthz/", "readyz/"):
        assert any(re.match(pattern, path) for pattern in exempt), path
