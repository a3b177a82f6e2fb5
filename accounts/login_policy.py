"""One login policy for every place a password is checked.

Passwords are checked in allauth's login flow only: the account pages, the
headless browser and app endpoints, the admin's login (``/cms/login/``, see
``accounts.admin_login``) and re-authentication all go through
the account adapter's ``authenticate``. That flow holds the whole policy: failed
attempts are counted per account and per network in the shared cache
(allauth's ``login_failed`` rate limit, Redis in production), a locked
account stays locked on every entry point until its attempts expire, an
unverified e-mail address cannot sign in, and accounts with a second factor
must give it.

The authentication backend refuses every password check that does not come
through that flow, so a view that calls ``django.contrib.auth.authenticate``
on its own (Wagtail's own login view, Django REST framework's Basic
authentication, a future library) cannot become an unlimited guessing
entry point by accident: it fails closed.
"""

import logging
from contextvars import ContextVar

from allauth.account.auth_backends import AuthenticationBackend

from accounts.adapter import AccountAdapter
from participation import compiled
from participation.participants import with_standing

logger = logging.getLogger(__name__)

_checking_through_policy: ContextVar[bool] = ContextVar("portal_login_policy", default=False)


def has_admin_access(user) -> bool:
    """Editors and other staff: anyone who may enter (or is meant for) the Wagtail admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


class LoginPolicyAdapterMixin:
    """Marks password checks made by allauth's login flow, which holds the policy."""

    def authenticate(self, request, **credentials):
        token = _checking_through_policy.set(True)
        try:
            return super().authenticate(request, **credentials)
        finally:
            _checking_through_policy.reset(token)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The failed-attempts counter of one account, whatever host name the request used.

        allauth keys it by the request's host plus the login; the Host header
        is the client's choice (``LOCALHOST``, a trailing dot, a second
        allowed name), and each spelling would get a fresh counter.
        """
        login = credentials.get("email", credentials.get("username", "")) or ""
        return f"login:{login.strip().casefold()}"


class LoginPolicyBackend(AuthenticationBackend):
    """allauth's e-mail backend that checks passwords only inside the login policy."""

    def authenticate(self, request, **credentials):
        if not _checking_through_policy.get():
            if credentials.get("password"):
                logger.warning(
                    "Password check outside the login policy refused (path %s).",
                    getattr(request, "path", "-"),
                )
            return None
        return super().authenticate(request, **credentials)

    def get_user(self, user_id):
        """The signed-in account of a request, with its standing (verified e-mail, admin
        access) in the same query: the rules ask for both on most requests. Its SQL is
        built once per process (``participation.compiled``): every signed-in request asks."""
        if type(user_id) is int:
            rows = compiled.run(("accounts.get_user",), account_with_standing, [user_id])
            user = rows[0] if rows else None
        else:
            user = account_with_standing(user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def account_with_standing(user_id):
    from django.contrib.auth import get_user_model

    return with_standing(get_user_model()._default_manager.filter(pk=user_id)).order_by("pk")[:1]


class LoginPolicyAccountAdapter(LoginPolicyAdapterMixin, AccountAdapter):
    """The portal's account adapter (``accounts.adapter``) under the login policy."""
