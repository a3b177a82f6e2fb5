"""``manage.py reindex``: rebuilds the portal search index from the database."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from search import registry
from search.backends import backend_name, get_backend
from search.indexing import process_outbox, rebuilding
from search.models import OutboxEntry


class Command(BaseCommand):
    help = "Rebuilds the portal search index (projects, pages, polls, comments, answers)."

    def handle(self, *args, verbosity, **options):
        sources = registry.sources()
        expected = sum(sum(1 for _ in source.all_ids()) for source in sources)
        started = timezone.now()
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=verbosity < 1,
            transient=False,
        ) as progress:
            task = progress.add_task(f"Indexing ({backend_name()})", total=expected)

            def batches():
                for source in sources:
                    yield from source.iter_documents()

            with rebuilding():
                count = get_backend().rebuild(
                    batches(), progress=lambda n: progress.advance(task, n)
                )
        # Updates queued before the rebuild read the database are in the new index;
        # the ones queued during it are written now.
        OutboxEntry.objects.filter(enqueued_at__lte=started).delete()
        process_outbox()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents with {backend_name()}."))
