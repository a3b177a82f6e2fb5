"""``manage.py reindex``: rebuilds the portal search index from the database.

The rebuild is recorded in the database (``search.rebuilds``): outbox
processing waits for it, the changes made meanwhile are written into the
new index before it is swapped in, and a rebuild that was killed is taken
over (its staging table dropped) by the next ``reindex``.
"""

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from search import rebuilds, registry
from search.backends import backend_name, get_backend
from search.tasks import process_outbox


class Command(BaseCommand):
    help = "Rebuilds the portal search index (projects, pages, polls, comments, answers)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--take-over",
            action="store_true",
            help="Replace a rebuild that is still running (a dead one is replaced anyway).",
        )

    def handle(self, *args, verbosity, take_over, **options):
        sources = registry.sources()
        expected = sum(sum(1 for _ in source.all_ids()) for source in sources)
        try:
            session = rebuilds.start(backend_name(), take_over=take_over)
        except rebuilds.RebuildRunning as running:
            raise CommandError(
                f"{running} Wait for it, or run reindex --take-over.", returncode=2
            ) from None
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            disable=verbosity < 1,
            transient=False,
        ) as progress:
            task = progress.add_task(f"Indexing ({backend_name()})", total=expected)
            session.on_progress = lambda n: progress.advance(task, n)

            def batches():
                for source in sources:
                    yield from source.iter_documents()

            session.start_heart()
            try:
                count = get_backend().rebuild(batches(), session=session)
            except rebuilds.Superseded as error:
                session.stop_heart()
                raise CommandError(f"{error} The live index was left as it was.") from None
            except BaseException as error:
                session.finish(error)
                raise
        session.finish()
        # What changed after the catch-up waited in the outbox: written now.
        process_outbox()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents with {backend_name()}."))
