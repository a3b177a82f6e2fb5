"""Who may follow what, and who may ask to follow by e-mail: ``*_refusal`` rules.

Each returns a ``participation.refusals.Refusal`` (no HTTP) or None. An
unknown kind is invalid input naming the field ``target``; a target that does
not exist or that the follower may not see is one and the same NotFound.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from notifications.targets import EMAIL_KINDS, parse_kind, resolve
from participation.refusals import Forbidden, InvalidInput, NotFound, NotSignedIn, Refusal


def kind_refusal(kind: str, *, allowed=None) -> Refusal | None:
    if parse_kind(kind) is None or (allowed is not None and kind not in allowed):
        return InvalidInput(
            _("You cannot follow this."),
            errors=[{"field": "target", "message": _("Choose what you want to follow.")}],
            code="unknown_target_kind",
        )
    return None


def not_found() -> NotFound:
    return NotFound(_("There is nothing to follow here."), code="target_not_found")


def signed_in_refusal(participant) -> Refusal | None:
    if not participant.is_authenticated:
        return NotSignedIn(_("Please sign in to follow."))
    return None


def follow_refusal(participant, kind: str, target_id: int) -> Refusal | None:
    """Why ``participant`` may not follow ``(kind, target_id)`` with their account, or None."""
    refusal = signed_in_refusal(participant) or kind_refusal(kind)
    if refusal:
        return refusal
    if not participant.has_verified_email:
        # As for every other participation: allauth's verification is mandatory.
        return Forbidden(
            _("Please confirm your e-mail address before you take part."),
            code="email_not_verified",
        )
    if resolve(participant.page_access, kind, target_id) is None:
        return not_found()
    return None


def unfollow_refusal(participant, kind: str) -> Refusal | None:
    """Unfollowing needs only the account: a project that became hidden can still be left."""
    return signed_in_refusal(participant) or kind_refusal(kind)


def email_follow_refusal(access, kind: str, target_id: int) -> Refusal | None:
    """Why a visitor may not ask to follow ``(kind, target_id)`` by e-mail, or None."""
    refusal = kind_refusal(kind, allowed=EMAIL_KINDS)
    if refusal:
        return refusal
    if resolve(access, kind, target_id) is None:
        return not_found()
    return None
