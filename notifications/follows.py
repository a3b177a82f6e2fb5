"""Following with an account: the services the HTML views and the API both call.

``follow`` and ``unfollow`` take the participant and plain values; the rules
live in ``notifications.rules``. Following twice is one follow (the unique
constraint decides, so two clicks at once cannot make two rows).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from notifications import rules
from notifications.models import Follow
from notifications.targets import Target, resolve_many


@dataclass(frozen=True)
class FollowView:
    """One of my follows, with its target if I may (still) see it."""

    follow: Follow
    target: Target | None


def follow(participant, kind: str, target_id: int) -> tuple[Follow, bool]:
    """The participant's follow of the target and whether it is new; raises a Refusal."""
    refusal = rules.follow_refusal(participant, kind, target_id)
    if refusal:
        raise refusal
    existing = Follow.objects.filter(user=participant.user, target=kind, target_id=target_id)
    if found := existing.first():
        return found, False
    try:
        with transaction.atomic():
            return Follow.objects.create(
                user=participant.user, target=kind, target_id=target_id
            ), True
    except IntegrityError:
        # The same follow was created at the same moment (a double click).
        return existing.get(), False


def unfollow(participant, kind: str, target_id: int) -> bool:
    """Removes the follow; returns whether there was one. Raises a Refusal."""
    refusal = rules.unfollow_refusal(participant, kind)
    if refusal:
        raise refusal
    deleted, _by_model = Follow.objects.filter(
        user=participant.user, target=kind, target_id=target_id
    ).delete()
    return bool(deleted)


def is_following(user, kind: str, target_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, target=kind, target_id=target_id).exists()


def follows_of(user, access) -> list[FollowView]:
    """My follows, newest first; a target I may no longer see comes without its name."""
    follows = list(Follow.objects.filter(user=user).order_by("-created_at", "-pk"))
    targets = resolve_many(access, [(f.target, f.target_id) for f in follows])
    return [FollowView(f, targets.get((f.target, f.target_id))) for f in follows]
