"""Who is taking part: an account, or an anonymous browser holding a signed token.

Polls and comments identify participants through ``Participant.key``, a
keyed hash (HMAC) of the account id or of the browser token. The key is
stable, so a database unique constraint on it enforces "one ballot" or
"one support", yet it reveals neither the account nor the token.

The browser token lives in a signed, HttpOnly cookie; ``web.participants``
reads it, hands one out where a rule asks for it, and builds the
``Participant`` of a request.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from participation.page_access import PageAccess


def keyed_hash(purpose: str, value: str) -> str:
    """A stable pseudonym for ``value``; without SECRET_KEY it cannot be reversed or linked."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def network_hash(address: str) -> str:
    """A salted hash of the client's network, rotating daily; the raw address is never kept.

    IPv6 clients are grouped by /64, since one household gets a whole prefix.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        network = "unknown"
    else:
        prefix = 64 if parsed.version == 6 else 32
        network = str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))
    return keyed_hash(f"ip:{timezone.now().date().isoformat()}", network)[:32]


def with_standing(users: QuerySet) -> QuerySet:
    """``users`` annotated with what ``Participant`` asks of an account on most requests.

    ``standing_verified_email``: a verified e-mail address (allauth);
    ``standing_admin_access``: the admin permission as Django's ModelBackend
    grants it (the account's own permissions or its groups'), without
    loading every permission the account has.
    """
    # On use: the kernel is imported before the app registry is ready.
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Permission

    admin = Permission.objects.filter(
        Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
        content_type__app_label="wagtailadmin",
        codename="access_admin",
    )
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return users.annotate(
        standing_verified_email=Exists(verified), standing_admin_access=Exists(admin)
    )


class TokenState:
    MISSING = "missing"
    FORGED = "forged"
    VALID = "valid"


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
    def _standing(self) -> tuple[bool, bool]:
        """(verified e-mail, may enter the admin): rules ask both on most requests.

        Free when the account was loaded ``with_standing`` (the authentication
        backend does), else one query.
        """
        user = self.user
        if hasattr(user, "standing_verified_email"):
            return bool(user.standing_verified_email), bool(user.standing_admin_access)
        from django.contrib.auth import get_user_model

        row = (
            with_standing(get_user_model()._default_manager.filter(pk=user.pk))
            .values_list("standing_verified_email", "standing_admin_access")
            .first()
        )
        return (bool(row[0]), bool(row[1])) if row else (False, False)

    @cached_property
    def has_verified_email(self) -> bool:
        if not self.is_authenticated:
            return False
        return self._standing[0]

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
        if not (self.user.is_staff or self.user.is_superuser or self._standing[1]):
            return False
        if getattr(settings, "PORTAL_REQUIRE_ADMIN_MFA", False):
            # On use, as above: the kernel loads before the app registry is ready.
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
