"""What happens to proposals that others may want to hear of.

Proposals sends these and does not know who listens (the notifications app
connects its receivers in its ``ready()``). They go out once the
transaction that made the change has committed, with ``send_robust``: a
failing receiver never undoes or breaks an answer.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# A department answered a proposal officially (a state change or a further
# word in the same state). Keyword arguments: ``proposal`` and ``answer``.
proposal_answered = Signal()

# A moderator decided on a proposal. Keyword arguments: ``proposal``,
# ``action`` (a ``ProposalModerationAction`` value), ``from_state`` and
# ``reason`` (told to the author for rejections and removals).
proposal_moderated = Signal()


def announce_answered(proposal, answer) -> None:
    transaction.on_commit(
        lambda: proposal_answered.send_robust(
            sender=type(proposal), proposal=proposal, answer=answer
        )
    )


def announce_moderated(proposal, action, from_state, reason="") -> None:
    transaction.on_commit(
        lambda: proposal_moderated.send_robust(
            sender=type(proposal),
            proposal=proposal,
            action=action,
            from_state=from_state,
            reason=reason,
        )
    )
