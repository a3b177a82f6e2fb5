"""``manage.py search_check``: reports documents missing from or stale in the index."""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from search import registry
from search.backends import backend_name, get_backend
from search.indexing import fingerprint, mark_dirty
from search.models import OutboxEntry


class Command(BaseCommand):
    help = "Compares the search index with the database; exits with status 1 on differences."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Queue the differences for reindexing."
        )
        parser.add_argument(
            "--show", type=int, default=20, help="How many keys to list per problem."
        )

    def handle(self, *args, fix, show, **options):
        indexed = get_backend().indexed_fingerprints()
        expected: dict[str, str] = {}
        for source in registry.sources():
            for batch in source.iter_documents():
                expected.update({document.key: fingerprint(document) for document in batch})
        missing = sorted(expected.keys() - indexed.keys())
        extra = sorted(indexed.keys() - expected.keys())
        stale = sorted(
            key for key in expected.keys() & indexed.keys() if expected[key] != indexed[key]
        )
        pending = OutboxEntry.objects.count()

        self.stdout.write(f"Backend: {backend_name()}")
        self.stdout.write(f"Documents expected: {len(expected)}, indexed: {len(indexed)}")
        self.stdout.write(f"Pending updates in the outbox: {pending}")
        for label, keys in (
            ("missing", missing),
            ("stale", stale),
            ("not visible any more", extra),
        ):
            self.stdout.write(f"{label.capitalize()}: {len(keys)}")
            for key in keys[:show]:
                self.stdout.write(f"  {key}")
        if fix:
            self.queue(missing + stale + extra)
        if missing or stale or extra:
            raise CommandError("The search index differs from the database.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))

    def queue(self, keys):
        by_source = defaultdict(list)
        for key in keys:
            source, object_id = key.split(":", 1)
            by_source[source].append(int(object_id))
        with transaction.atomic():
            for source, ids in by_source.items():
                mark_dirty(source, ids)
        self.stdout.write(f"Queued {len(keys)} documents for reindexing.")
