"""Signed links that need no login: unsubscribe (RFC 8058 one-click) and confirm a follow.

An unsubscribe token names whose mail stops and which: ``{"u": user id}`` or
``{"s": subscriber id}``, and optionally ``"t"``/``"i"`` (one follow's
target kind and id, e.g. the newsletter list). It never expires: a link in
a mail from last year must still work. It is signed with the secret key and
its own salt, so it cannot be forged or reused for anything else.
"""

from __future__ import annotations

from django.core import signing

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(
    *,
    user_id: int | None = None,
    subscriber_id: int | None = None,
    target: str | None = None,
    target_id: int | None = None,
) -> str:
    if (user_id is None) == (subscriber_id is None):
        raise ValueError("An unsubscribe token names either a user or a subscriber.")
    payload: dict = {"u": user_id} if user_id is not None else {"s": subscriber_id}
    if target is not None:
        payload.update(t=target, i=target_id or 0)
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict | None:
    """The payload, or None for a token that was altered or made for something else."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return payload if isinstance(payload, dict) and ("u" in payload or "s" in payload) else None
