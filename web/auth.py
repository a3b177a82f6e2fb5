"""Authentication classes for the participation API.

django-ninja only checks CSRF inside its cookie-based auth classes, and an
endpoint with ``auth=None`` has no CSRF protection at all. Write endpoints
that anonymous visitors may use (a public ballot, an anonymous comment)
therefore use ``session_or_anonymous``: it lets anonymous sessions through
but always runs Django's CSRF check first.
"""

from django.conf import settings
from ninja.security import APIKeyCookie


class SessionOrAnonymous(APIKeyCookie):
    """The session's user, signed in or not, after a CSRF check on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        return request.user


class SignedInSession(APIKeyCookie):
    """A signed-in session's user; anonymous requests get 401."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


session_or_anonymous = SessionOrAnonymous()
signed_in_session = SignedInSession()
