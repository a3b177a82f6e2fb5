"""The participant behind a request, and the anonymous browser token's cookie.

The token is only handed out where it is needed (a page with an open
public poll, for instance): the edge calls ``issue_anonymous_token`` where
a rule asks for one, and ``ParticipantCookieMiddleware`` sets the cookie on
the response.
"""

from __future__ import annotations

import dataclasses
import secrets

from django.conf import settings
from django.core import signing

from participation.participants import Participant, TokenState, network_hash
from web.page_access import page_access_from_request

ANONYMOUS_COOKIE = "portal_participant"
# The salt keeps its old module path: changing it would void every browser's token.
ANONYMOUS_COOKIE_SALT = "portal.participants.anonymous"
ANONYMOUS_COOKIE_MAX_AGE = 365 * 24 * 3600


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
    """The daily hash of the client's network (see ``network_hash``)."""
    return network_hash(client_ip(request))


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


def with_anonymous_token(request, participant: Participant) -> Participant:
    """``participant`` holding the browser's token, handed out now if it had none."""
    return dataclasses.replace(participant, anonymous_token=issue_anonymous_token(request))
