"""Problem+json bodies for the v2 endpoints, in the shape of the participation API's.

Wagtail's API answers errors as ``{"message": "..."}``; a client should only
have to understand one error format, so the viewsets turn every error into
an RFC 9457 problem (web.problems), in the visitor's language where
the portal raises it and with Wagtail's English reason otherwise.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf_exceptions
from wagtail.api.v2.utils import BadRequestError

from participation.refusals import Forbidden, InvalidInput, NotFound, NotSignedIn, Refusal
from search.outages import is_outage
from search.service import SearchOffline
from web.problems import Problem


def problem_for(exc) -> Problem | Refusal | None:
    """The problem for an exception a v2 viewset raised, or None for a real failure."""
    if isinstance(exc, Problem | Refusal):
        return exc
    if is_outage(exc):  # ?search= on Wagtail's Elasticsearch backend
        return SearchOffline()
    if isinstance(exc, Http404):
        return NotFound(_("There is nothing at this address."))
    if isinstance(exc, BadRequestError):
        return InvalidInput(
            _("The request cannot be answered: %(reason)s.") % {"reason": str(exc)},
            code="invalid_query",
        )
    if isinstance(exc, drf_exceptions.NotAuthenticated | drf_exceptions.AuthenticationFailed):
        return NotSignedIn(_("Please sign in first."))
    if isinstance(exc, drf_exceptions.PermissionDenied):
        return Forbidden(_("You are not allowed to do this."))
    if isinstance(exc, drf_exceptions.MethodNotAllowed):
        return Problem(
            _("This address only answers GET requests."),
            status=405,
            code="method_not_allowed",
            headers={"Allow": "GET, HEAD, OPTIONS"},
        )
    if isinstance(exc, drf_exceptions.NotAcceptable):
        return Problem(_("This API only answers in JSON."), status=406, code="not_acceptable")
    if isinstance(exc, drf_exceptions.APIException):
        return Problem(str(exc.detail), status=exc.status_code, code=f"http_{exc.status_code}")
    return None
