"""Schemathesis over the whole OpenAPI document: no 5xx, every answer as documented.

Runs in-process against the WSGI application on PostgreSQL, on the German
demo-like data of tests/api/conftest.py, with a fixed seed and a bounded
number of examples per operation. The examples, coverage (boundary values:
the documented int64 limits and one past them) and fuzzing phases all run,
with valid and invalid data. The same run against ``make run``'s SQLite
server is tests/api/test_schemathesis_sqlite.py.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# Explicit, so that a changed default of schemathesis cannot switch the fuzzing off.
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def keep_connection():
    """As Django's test client does: requests must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def data(project, comments, idea_collection, other_page, settings, keep_connection):
    settings.PORTAL_SEARCH_BACKEND = "simple"
    return project


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, data):
    case.call_and_validate(checks=CHECKS)
