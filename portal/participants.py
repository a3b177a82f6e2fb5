"""Who is taking part: an account, or an anonymous browser holding a signed token.

Polls and comments identify participants through ``Participant.key``, a
keyed hash (HMAC) of the account id or of the browser token. The key is
stable, so a database unique constraint on it enforces "one ballot" or
"one support", yet it reveals neither the account nor the token.

The browser token lives in a signed, HttpOnly cookie. It is only handed out
where it is needed (a page with an open public poll, for instance): the
code that needs it calls ``issue_anonymous_token`` and this module's
middleware sets the cookie on the response.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core import signing
from django.utils import timezone

from portal.page_access import PageAccess, page_access_from_request

ANONYMOUS_COOKIE = "portal_participant"
ANONYMOUS_COOKIE_SALT = "portal.participants.anonymous"
ANONYMOUS_COOKIE_MAX_AGE = 365 * 24 * 3600


def keyed_hash(purpose: str, value: str) -> str:
    """A stable pseudonym for ``value``; without SECRET_KEY it cannot be reversed or linked."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    """The client's address, honouring PORTAL_TRUSTED_PROXY_COUNT proxies in front of us."""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(request) -> str:
    """A salted hash of the client's network, rotating daily; the raw address is never kept.

    IPv6 clients are grouped by /64, since one household gets a whole prefix.
    """
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        network = "unknown"
    else:
        prefix = 64 if parsed.version == 6 else 32
        network = str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))
    return keyed_hash(f"ip:{timezone.now().date().isoformat()}", network)[:32]


class TokenState:
    MISSING = "missing"
    FORGED = "forged"
    VALID = "valid"


def read_anonymous_token(request) -> tuple[str, str | None]:
    """(state, token) from the signed cookie; a cookie that fails the signature is 'forged'."""
    if ANONYMOUS_COOKIE not in request.COOKIES:
        return TokenState.MISSING, None
    try:
        token = request.get_signed_cookie(
            ANONYMOUS_COOKIE, salt=ANONYMOUS_COOKIE_SALT, max_age=ANONYMOUS_COOKIE_MAX_AGE
        )
    except (signing.BadSignature, KeyError):
        return TokenState.FORGED, None
    return TokenState.VALID, token


def issue_anonymous_token(request) -> str:
    """The browser's token, creating one (set by the middleware) if it has none yet."""
    state, token = read_anonymous_token(request)
    if state == TokenState.VALID:
        return token
    pending = getattr(request, "_participant_token_to_set", None)
    if pending:
        return pending
    token = secrets.token_urlsafe(24)
    request._participant_token_to_set = token
    return token


class ParticipantCookieMiddleware:
    """Sets the anonymous participant cookie when a view asked for one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "_participant_token_to_set", None)
        if token:
            response.set_signed_cookie(
                ANONYMOUS_COOKIE,
                token,
                salt=ANONYMOUS_COOKIE_SALT,
                max_age=ANONYMOUS_COOKIE_MAX_AGE,
                httponly=True,
                secure=request.is_secure(),
                samesite="Lax",
            )
            # The cookie is personal: no shared cache may keep this response.
            response["Cache-Control"] = "private, no-store"
        return response


@dataclass(frozen=True)
class Participant:
    user: object | None
    anonymous_token: str | None
    token_state: str
    ip_hash: str
    # Which pages they may see (site, restrictions passed); from the request at the edge.
    access: PageAccess | None = field(default=None, compare=False, repr=False)

    @cached_property
    def page_access(self) -> PageAccess:
        return self.access if self.access is not None else PageAccess(user=self.user)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    @cached_property
    def has_verified_email(self) -> bool:
        if not self.is_authenticated:
            return False
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=self.user, verified=True).exists()

    @cached_property
    def is_staff(self) -> bool:
        """Editors and other staff: anyone allowed into the Wagtail admin.

        Where staff must use two-factor authentication (PORTAL_REQUIRE_ADMIN_MFA),
        staff powers (official answers, staff polls, answering a closed
        discussion) need the second factor set up too: a stolen password alone
        must not speak for the city through the API either.
        """
        if not self.is_authenticated or not self.user.is_active:
            return False
        if not (self.user.is_staff or self.user.has_perm("wagtailadmin.access_admin")):
            return False
        if getattr(settings, "PORTAL_REQUIRE_ADMIN_MFA", False):
            from allauth.mfa.models import Authenticator
            from allauth.mfa.utils import is_mfa_enabled

            return is_mfa_enabled(self.user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
        return True

    @property
    def key(self) -> str | None:
        """The pseudonymous identity used for one-per-participant rules, or None."""
        if self.is_authenticated:
            return keyed_hash("participant", f"user:{self.user.pk}")
        if self.anonymous_token:
            return keyed_hash("participant", f"anon:{self.anonymous_token}")
        return None


def participant_from_request(request) -> Participant:
    user = getattr(request, "user", None)
    state, token = read_anonymous_token(request)
    return Participant(
        user=user if user is not None and user.is_authenticated else None,
        anonymous_token=token,
        token_state=state,
        ip_hash=ip_hash(request),
        access=page_access_from_request(request),
    )
