"""The outbox forgets whom it wrote to.

A sent or failed row keeps its key (the idempotency that stops a second
mail, and the newsletter figures count by it: pseudonymous ids, no
address) and its status; after ``PORTAL_RETENTION["outbox_addresses"]`` the
recipient's address and the error text, which may quote it, are blanked.
Queued and sending rows keep theirs: they still have to go out.
"""

from django.conf import settings
from django.utils import timezone

from notifications.models import Delivery, DeliveryStatus


def forget_sent_addresses() -> int:
    """Blanks the address of finished rows older than the retention; returns how many."""
    cutoff = timezone.now() - settings.PORTAL_RETENTION["outbox_addresses"]
    finished = Delivery.objects.filter(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED], created_at__lte=cutoff
    ).exclude(to="")
    return finished.update(to="", last_error="")
