"""``manage.py search_check``: reports documents missing from or stale in the index."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import backend_name
from search.checking import check_index, repair


class Command(BaseCommand):
    help = (
        "Compares the search index with the database; exits with status 1 on differences "
        "(with --fix, after repairing them, only if some remain)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Re-index the differences now.")
        parser.add_argument(
            "--show", type=int, default=20, help="How many keys to list per problem."
        )

    def handle(self, *args, fix, show, **options):
        report = check_index()
        self.stdout.write(f"Backend: {backend_name()}")
        self.stdout.write(f"Documents expected: {report.expected}, indexed: {report.indexed}")
        self.stdout.write(f"Pending updates in the outbox: {report.pending}")
        for label, keys in (
            ("missing", report.missing),
            ("stale", report.stale),
            ("not visible any more", report.extra),
        ):
            self.stdout.write(f"{label.capitalize()}: {len(keys)}")
            for key in keys[:show]:
                self.stdout.write(f"  {key}")
        if fix and report.differences:
            written = repair(report)
            self.stdout.write(
                f"Queued {len(report.differences)} documents for reindexing; "
                f"wrote {written} updates."
            )
            report = check_index()
            if not report.differences:
                self.stdout.write(self.style.SUCCESS("The search index matches the database."))
                return
        if report.differences:
            raise CommandError("The search index differs from the database.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))
