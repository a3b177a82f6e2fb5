"""What participants create: one ballot per participant and poll, and its answers.

``PollTally`` keeps the result counts in the same transaction as the
ballots, so reading results never scans the ballots (see polls/tallies.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VoterKind(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonymous")
    REGISTERED = "registered", _("registered")
    STAFF = "staff", _("staff")


class Ballot(models.Model):
    poll = models.ForeignKey("polls.Poll", on_delete=models.CASCADE, related_name="ballots")
    # The HMAC pseudonym of the account or browser token (participation.participants):
    # unique per poll, yet it reveals neither.
    participant_key = models.CharField(max_length=64, editable=False)
    # Lets signed-in voters find their ballot; cleared when the account goes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    voter_kind = models.CharField(max_length=16, choices=VoterKind)
    # Anonymous ballots only: the salted, daily-rotating hash of the voter's
    # network (web.participants.ip_hash, never the address), for the
    # per-network limit and the "crowded networks" editors see. Deleted after
    # PORTAL_RETENTION["network_hashes"] (polls.periodic_jobs), which keeps
    # only how many anonymous ballots of this poll shared it.
    network_hash = models.CharField(max_length=32, blank=True, default="", editable=False)
    network_ballot_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The only identifier that leaves the portal (exports).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "participant_key"], name="ballot_one_per_participant"
            )
        ]
        indexes = [
            # The per-network count and the crowded networks of a poll.
            models.Index(
                fields=["poll", "network_hash"],
                condition=~Q(network_hash=""),
                name="ballot_network",
            )
        ]

    def __str__(self):
        return str(self.public_id)


class Answer(models.Model):
    """One answer: a ticked choice, a rating or a text. A multiple choice gives several rows."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="answers")
    # RESTRICT, not PROTECT: a question with answers cannot be deleted on its
    # own, but deleting the whole poll (and so its ballots) still works.
    question = models.ForeignKey(
        "polls.Question", on_delete=models.RESTRICT, related_name="answers"
    )
    choice = models.ForeignKey(
        "polls.Choice", null=True, blank=True, on_delete=models.RESTRICT, related_name="answers"
    )
    rating = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(choice__isnull=False, rating__isnull=True, text="")
                | Q(choice__isnull=True, rating__isnull=False, text="")
                | (Q(choice__isnull=True, rating__isnull=True) & ~Q(text="")),
                name="answer_has_exactly_one_value",
            ),
            models.UniqueConstraint(
                fields=["ballot", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="answer_choice_once_per_ballot",
            ),
            models.UniqueConstraint(
                fields=["ballot", "question"],
                condition=Q(choice__isnull=True),
                name="answer_value_once_per_ballot",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.choice_id or self.rating or self.text[:20]}"


class PollTally(models.Model):
    """A sharded counter: the sum of ``count`` over a poll's slots for a key is the result.

    Keys: ``ballots``, ``q<question>:participants``, ``q<question>:c<choice>``,
    ``q<question>:r<value>``, ``q<question>:text``. Each transaction adds to a
    random slot, so concurrent ballots rarely wait for the same row lock.
    A slot may go negative after ballot changes; only the sum matters.
    """

    BALLOTS = "ballots"

    poll = models.ForeignKey("polls.Poll", on_delete=models.CASCADE, related_name="tallies")
    key = models.CharField(max_length=64)
    slot = models.PositiveSmallIntegerField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(fields=["poll", "key", "slot"], name="tally_one_row_per_slot")
        ]

    def __str__(self):
        return f"{self.poll_id}/{self.key}/{self.slot}: {self.count}"
