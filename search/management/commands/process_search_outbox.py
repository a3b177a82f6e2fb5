"""``manage.py process_search_outbox``: writes pending index updates now.

The worker does this after every change; run it by hand (or from cron)
after an Elasticsearch outage to catch up without waiting for the back-off.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from search.indexing import process_outbox
from search.models import OutboxEntry


class Command(BaseCommand):
    help = "Writes pending search index updates to the search backend."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Ignore back-off times.")

    def handle(self, *args, now, **options):
        if now:
            OutboxEntry.objects.update(available_at=timezone.now())
        written = process_outbox()
        left = OutboxEntry.objects.count()
        self.stdout.write(f"Wrote {written} updates; {left} still pending.")
