"""What a client gets when the portal itself fails: never a stack trace, never HTML to an API.

Django calls ``handler500`` (``portal.urls``) for every exception no view or
middleware answered, and it does so inside the ``except`` block, so the
exception is at hand. Two outcomes:

- The database cannot be reached (connection refused, connection killed,
  server shutting down): ``503 Service Unavailable`` with ``Retry-After``.
  Nothing was written, because every write runs in a transaction that
  PostgreSQL rolls back when its connection goes. The next request connects
  afresh, so the site comes back on its own when the database does.
- Anything else: ``500``.

Under ``/api/`` and ``/_allauth/`` the answer is an RFC 9457 problem
(``application/problem+json``: type, title, status, detail), elsewhere a
German page. Both are rendered without the request and without context
processors: they must not need the database that may just have failed.
Django has already logged the exception (``django.request``) and sent
``got_request_exception`` before it calls the handler.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import permission_denied as django_permission_denied

from participation.refusals import Forbidden
from web.problems import Problem, problem_response
from web.shared_pages import csrf_confirmation

# Paths whose clients expect JSON: the participation API, Wagtail's API v2,
# the API schema and docs, allauth's headless endpoints.
PROBLEM_PATH_PREFIXES = ("/api/", "/_allauth/")


class ServerError(Problem):
    status = 500
    code = "server_error"
    title = gettext_lazy("Server error")


class DatabaseUnavailable(Problem):
    status = 503
    code = "service_unavailable"
    title = gettext_lazy("Service unavailable")


def wants_problem(request: HttpRequest) -> bool:
    return request.path.startswith(PROBLEM_PATH_PREFIXES)


# SQLSTATE classes that say "not now" rather than "not this query": connection
# exceptions, insufficient resources (too many connections), operator
# intervention (shutdown, statement timeout), transaction rollback (deadlock,
# serialization failure).
TRANSIENT_SQLSTATE_CLASSES = ("08", "40", "53", "57")
# SQLite's "database is locked" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes).
SQLITE_BUSY_CODES = (5, 6)


def is_transient(error: OperationalError) -> bool:
    """Whether a database error is about the database's state, not about the query.

    Django keeps the driver's exception as the cause. psycopg gives no
    SQLSTATE when the client has no connection (refused, dropped, closed);
    a malformed full-text query on SQLite is an ``OperationalError`` too,
    and must stay a 500 (or be refused as bad input before it gets here).
    """
    driver_error = error.__cause__
    sqlite_code = getattr(driver_error, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in SQLITE_BUSY_CODES
    if driver_error is None or type(driver_error).__module__.startswith("sqlite3"):
        return "locked" in str(error)
    sqlstate = getattr(driver_error, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(TRANSIENT_SQLSTATE_CLASSES)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what it was raised from) says the database cannot answer now.

    A refused, dropped or closed connection, a server shutting down, too
    many connections: Django raises ``OperationalError`` for those and
    ``InterfaceError`` for a connection that was already closed.
    """
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, InterfaceError):
            return True
        if isinstance(exc, OperationalError):
            return is_transient(exc)
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def retry_after() -> int:
    return max(1, int(getattr(settings, "PORTAL_OUTAGE_RETRY_AFTER", 30)))


def failure_response(request: HttpRequest, exc: BaseException | None) -> HttpResponse:
    if is_database_unavailable(exc):
        seconds = retry_after()
        problem = DatabaseUnavailable(
            _("The portal is briefly unavailable. Please try again in %(seconds)d seconds.")
            % {"seconds": seconds},
            headers={"Retry-After": str(seconds)},
        )
        template_name = "503.html"
    else:
        problem = ServerError(
            _("Something went wrong on our side. Please try again in a few minutes.")
        )
        template_name = "500.html"
    if wants_problem(request):
        response = problem_response(request, problem)
    else:
        response = HttpResponse(
            loader.get_template(template_name).render(),
            status=problem.status,
            headers=problem.headers,
        )
    # An error is not content: no shared cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the exception is the one Django is handling right now."""
    return failure_response(request, sys.exception())


class CsrfFailed(Problem):
    status = 403
    code = "csrf_failed"
    title = gettext_lazy("Not allowed")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a problem body for the APIs, Django's page elsewhere.

    Browser clients of ``/_allauth/browser/`` and session writes to
    ``/api/v1`` must send the CSRF token; telling them so in JSON lets a
    client show it rather than choke on an HTML page.
    """
    if not wants_problem(request):
        return csrf_confirmation(request, reason) or django_csrf_failure(request, reason)
    response = problem_response(
        request,
        CsrfFailed(
            _(
                "The security token (CSRF) is missing or invalid. "
                "Reload the page or fetch a new token, then try again."
            )
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """``handler400``: a refused host or a suspicious request, as a problem under the APIs."""
    if not wants_problem(request):
        # Like 500.html, a page that needs nothing: a refused host cannot
        # run the layout's context (its site, its static files).
        return django_bad_request(request, exception, template_name="400_plain.html")
    response = problem_response(request, Problem(_("The request could not be understood.")))
    response["Cache-Control"] = "no-store"
    return response


def permission_denied(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """``handler403``: Django's own refusals, as a problem under the APIs."""
    if not wants_problem(request):
        return django_permission_denied(request, exception)
    response = problem_response(request, Forbidden(_("You may not do this.")))
    response["Cache-Control"] = "no-store"
    return response
