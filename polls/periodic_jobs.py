"""Retention of the polls' network hashes (PORTAL_RETENTION["network_hashes"])."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from polls.models import Ballot
from scheduling.registry import register


def delete_network_hashes() -> int:
    """Deletes anonymous ballots' network hashes once they are older than the retention period.

    Each ballot keeps how many anonymous ballots of its poll shared the hash
    (``network_ballot_count``), so editors' "crowded networks" stay countable.
    A hash stands for one network on one day, so all ballots sharing it are
    cleared together, as soon as the first of them is due (one UPDATE: the
    counts are read before any hash of the statement is cleared).
    """
    cutoff = timezone.now() - settings.PORTAL_RETENTION["network_hashes"]
    due = (
        Ballot.objects.exclude(network_hash="").filter(created_at__lt=cutoff).values("network_hash")
    )
    shared_by = (
        Ballot.objects.filter(poll=OuterRef("poll"), network_hash=OuterRef("network_hash"))
        .values("poll")
        .annotate(ballots=Count("pk"))
        .values("ballots")
    )
    return Ballot.objects.filter(network_hash__in=due).update(
        network_ballot_count=Subquery(shared_by), network_hash=""
    )


register(
    "polls.delete_network_hashes",
    timedelta(hours=1),
    delete_network_hashes,
    description="Delete ballots' network hashes after PORTAL_RETENTION['network_hashes'].",
)
