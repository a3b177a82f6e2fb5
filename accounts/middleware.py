"""Signed-in citizens who have not agreed to the documents in force are asked first.

A login stops at ``accounts.consent.ConsentStage``; this catches sessions
that began before a version changed (and app tokens issued then). Pages
lead to the consent form; writes to the participation API are refused with
the problem ``consent_required``, which a client answers with
``POST /api/v1/me/consents``. What a citizen may always do: read the
documents, sign out, download their data ("Meine Daten") and delete their
account. The check compares two strings and costs no query.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accounts.consent import document_links, has_current_consent
from participation.refusals import Forbidden
from web.problems import problem_response

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Paths that never wait for consent: the way out, one's own data, static
# files, the admin (editors' work), allauth's headless endpoints (they report
# the pending consent themselves).
ALWAYS_OPEN_PREFIXES = (
    "/accounts/consent/",
    "/accounts/logout/",
    "/accounts/data/",
    "/accounts/delete/",
    "/api/v1/me/",
    "/_allauth/",
    "/static/",
    "/media/",
    "/healthz/",
    "/readyz/",
    "/i18n/",
)
API_PREFIX = "/api/"


def consent_required_refusal():
    return Forbidden(
        _(
            "Please agree to the current privacy notice and terms of use first "
            "(POST /api/v1/me/consents)."
        ),
        code="consent_required",
    )


def signed_in_user(request):
    """The request's signed-in user, or None, without loading a session that cannot exist.

    ``AuthenticationMiddleware`` leaves a lazy user that reads the session;
    without a session cookie it can only be anonymous. An app token
    (``portal.api.app_tokens``) replaces it with the real user.
    """
    user = getattr(request, "user", None)
    if user is None:
        return None
    if type(user) is SimpleLazyObject and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return user if user.is_authenticated else None


class ConsentRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = signed_in_user(request)
        if (
            user is None
            or has_current_consent(user)
            or request.path.startswith(ALWAYS_OPEN_PREFIXES)
            or request.path.startswith(settings.PORTAL_ADMIN_PATH_PREFIX)
        ):
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            if request.method in SAFE_METHODS:
                return self.get_response(request)
            return problem_response(request, consent_required_refusal())
        if request.method in SAFE_METHODS and request.path in document_paths(request):
            return self.get_response(request)
        url = reverse("accounts:consent")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
        return response


def document_paths(request) -> set[str]:
    """The documents' own pages stay readable, or nobody could agree knowingly."""
    return {
        link["page"].get_url(request)
        for link in document_links(request)
        if link["page"] is not None
    }
