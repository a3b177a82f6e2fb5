"""A newsletter's figures, from what the portal stores anyway: no pixels, no tracked links.

Recipients, delivered and failed come from its outbox rows (by key prefix);
"unsubscribed after it" from the ``NewsletterDeparture`` rows. Opens and
clicks are not counted: that would need a tracking pixel or redirected
links, which tell the city who read what.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from notifications.models import Delivery, DeliveryStatus


@dataclass(frozen=True)
class Figures:
    recipients: int
    delivered: int
    failed: int
    unsubscribed: int


def figures_of(newsletter) -> Figures:
    counts = Delivery.objects.filter(key__startswith=newsletter.key_prefix).aggregate(
        recipients=Count("pk"),
        delivered=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
    )
    return Figures(**counts, unsubscribed=newsletter.departures.count())
