"""The per-network cap of public polls that limit anonymous ballots per network.

"At most N anonymous ballots per network and day in this poll" is counted in
the database, not in the cache: it counts stored ballots (a refused or
invalid submission uses up nothing), it survives a cache flush, and editors
see the same numbers in the results. Each anonymous ballot keeps its
network's salted, daily-rotating hash (web.participants.ip_hash), so
"today, from this network" is simply "the ballots with this hash".

A count followed by an insert is exact only if no other transaction inserts
in between: on PostgreSQL the ballot's transaction first takes a
transaction-scoped advisory lock on (poll, network), so submissions from one
network to one poll queue up for a moment while all others run freely.
SQLite (development only) serialises writers by itself.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import connection
from django.utils import timezone
from django.utils.translation import ngettext

from participation.participants import Participant
from participation.refusals import RateLimited
from polls.models import Ballot, Poll


def applies(poll: Poll, participant: Participant) -> bool:
    """Anonymous voters of public polls whose editors chose 'limited per network'."""
    return poll.limits_ballots_per_network and not participant.is_authenticated


def lock(poll: Poll, network_hash: str) -> None:
    """Holds back other ballots from this network to this poll until the transaction ends."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"polls:{poll.pk}:{network_hash}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
        )


def ballots_from(poll: Poll, network_hash: str) -> int:
    return Ballot.objects.filter(poll=poll, network_hash=network_hash).count()


def seconds_until_the_hash_rotates(now: datetime.datetime) -> int:
    """ip_hash changes with the UTC date: then the network counts from zero again."""
    utc = now.astimezone(datetime.UTC)
    tomorrow = datetime.datetime.combine(
        utc.date() + datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    return int((tomorrow - utc).total_seconds()) + 1


def reached(poll: Poll) -> RateLimited:
    limit = poll.ballots_per_network
    return RateLimited(
        retry_after=seconds_until_the_hash_rotates(timezone.now()),
        detail=ngettext(
            "This poll accepts at most %(count)d ballot without an account per network and "
            "day, and that many have already been cast from your network today (a household, "
            "office or mobile network is shared by many people). Please sign in to vote, or "
            "try again tomorrow.",
            "This poll accepts at most %(count)d ballots without an account per network and "
            "day, and that many have already been cast from your network today (a household, "
            "office or mobile network is shared by many people). Please sign in to vote, or "
            "try again tomorrow.",
            limit,
        )
        % {"count": limit},
        code="network_ballot_limit",
    )


def check(poll: Poll, participant: Participant, *, already_voted) -> None:
    """Inside the ballot's transaction: raises when this network has used up its ballots.

    A browser that already voted hears that (``already_voted()``), not about the network.
    """
    if not applies(poll, participant):
        return
    lock(poll, participant.ip_hash)
    if ballots_from(poll, participant.ip_hash) < poll.ballots_per_network:
        return
    if Ballot.objects.filter(poll=poll, participant_key=participant.key).exists():
        raise already_voted(poll)
    raise reached(poll)
