"""``manage.py process_search_outbox``: writes pending index updates now.

The worker does this after every change and every PORTAL_SEARCH_OUTBOX_EVERY;
run it by hand (or from cron) after an outage to catch up without waiting
for the back-off (``--now``). Exits with status 1 when updates are left
(a rebuild running, the backend unreachable or refusing, parked documents).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from search import rebuilds
from search.indexing import pending_entries
from search.models import OutboxEntry
from search.tasks import process_outbox


class Command(BaseCommand):
    help = "Writes pending search index updates to the search backend."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Ignore back-off times.")

    def handle(self, *args, now, **options):
        if now:
            pending_entries().update(available_at=timezone.now())
        written = process_outbox()
        left = pending_entries().count()
        parked = OutboxEntry.objects.filter(parked_at__isnull=False).count()
        self.stdout.write(f"Wrote {written} updates; {left} still pending; {parked} parked.")
        if not (left or parked):
            return
        rebuild = rebuilds.active_rebuild()
        if rebuild is not None:
            self.stderr.write(
                f"A rebuild by {rebuild.owner} is {rebuild.get_phase_display()} (heartbeat "
                f"{rebuilds.heartbeat_age(rebuild):.0f} s ago); updates wait for it."
            )
        failing = pending_entries().exclude(last_error="").order_by("-attempts").first()
        if failing is not None:
            self.stderr.write(f"Last error ({failing}): {failing.last_error}")
        if parked:
            self.stderr.write("Parked updates: see search_check; search_check --fix retries them.")
        raise CommandError("The search outbox could not be drained.", returncode=1)
