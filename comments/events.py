"""What happens to comments that others may want to hear of.

Comments sends these and does not know who listens (the notifications app
connects its receivers in its ``ready()``). They go out once the
transaction that made the change has committed, with ``send_robust``: a
receiver that fails never undoes or breaks a comment.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# A comment became public: posted published (a reply or an official answer
# included), or approved out of pre-moderation. Keyword argument: ``comment``.
comment_published = Signal()

# A moderator decided on a comment. Keyword arguments: ``comment``,
# ``decision`` ("approved", "rejected" or "removed") and ``reason`` (the
# moderator's reason for a removal; empty otherwise).
comment_moderated = Signal()

APPROVED, REJECTED, REMOVED = "approved", "rejected", "removed"


def announce_published(comment) -> None:
    transaction.on_commit(
        lambda: comment_published.send_robust(sender=type(comment), comment=comment)
    )


def announce_moderated(comment, decision: str, reason: str = "") -> None:
    transaction.on_commit(
        lambda: comment_moderated.send_robust(
            sender=type(comment), comment=comment, decision=decision, reason=reason
        )
    )


# The number of published comments in a thread changed, inside the
# transaction that changed it (not after the commit): a subject that keeps
# a counter (``Proposal.comment_count``) updates it in the same
# transaction, so the counter is exact. Keyword arguments: ``comment`` and
# ``delta`` (+1 or -1). Sent with ``send``: a failing receiver undoes the change.
published_count_changed = Signal()


def count_change(comment, from_state, to_state) -> None:
    """Tells the receivers if ``comment`` entered or left the published comments."""
    published = "published"
    delta = (to_state == published) - (from_state == published)
    if delta:
        published_count_changed.send(sender=type(comment), comment=comment, delta=delta)
