"""Apps sign in once through allauth's app endpoints and then send ``X-Session-Token``.

allauth's own app endpoints (``/_allauth/app/v1/...``) read the header
themselves; this middleware lets the same token authenticate the portal's
API (``/api/v1/`` and ``/api/v2/``), so an app can vote and comment as its
signed-in citizen and sees what that citizen may see. A request carrying
the token needs no CSRF token: browsers never attach such a header on their
own, so another site cannot forge one (the reason CSRF protection exists
for cookies).

An unknown or expired token is refused with 401, never treated as anonymous:
an app should learn that its citizen has to sign in again.
"""

from django.utils.translation import gettext as _

from participation.refusals import NotSignedIn
from web.problems import problem_response

TOKEN_HEADER = "X-Session-Token"  # noqa: S105 (a header name)
# The same header as WSGI names it: reading it there spares building
# ``request.headers`` (every header of the request) on every request.
TOKEN_META_KEY = "HTTP_X_SESSION_TOKEN"  # noqa: S105 (a header name)
API_PREFIX = "/api/"


def user_for_token(token: str):
    from allauth.headless.internal.sessionkit import authenticate_by_x_session_token

    result = authenticate_by_x_session_token(token)
    if result is None or result.user is None or not result.user.is_active:
        return None
    return result.user


class AppSessionTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.META.get(TOKEN_META_KEY)
        if token and request.path.startswith(API_PREFIX):
            user = user_for_token(token)
            if user is None:
                return problem_response(
                    request,
                    NotSignedIn(
                        _("The session token is unknown or has expired. Please sign in again."),
                        code="invalid_session_token",
                    ),
                )
            request.user = user
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
