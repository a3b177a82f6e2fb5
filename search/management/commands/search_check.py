"""``manage.py search_check``: reports documents missing from or stale in the index,
and updates parked because the backend kept rejecting them."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import backend_name
from search.backends.base import SearchUnavailable
from search.checking import check_index, repair, retry_parked


class Command(BaseCommand):
    help = (
        "Compares the search index with the database and lists parked updates; exits with "
        "status 1 on differences or parked updates (with --fix, which also retries the "
        "parked ones, only if some remain)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix",
            action="store_true",
            help="Re-index the differences now and retry the parked updates.",
        )
        parser.add_argument(
            "--show", type=int, default=20, help="How many keys to list per problem."
        )

    def handle(self, *args, fix, show, **options):
        try:
            self.compare(fix, show)
        except SearchUnavailable as error:
            raise CommandError(
                f"The search backend is unavailable: {error}", returncode=1
            ) from None

    def compare(self, fix, show):
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
        self.show_parked(report, show)
        if fix and (report.differences or report.parked):
            retried = retry_parked()
            written = repair(report)
            self.stdout.write(
                f"Queued {len(report.differences)} documents for reindexing and retried "
                f"{retried} parked updates; wrote {written} updates."
            )
            report = check_index()
            self.show_parked(report, show)
        if report.differences:
            raise CommandError("The search index differs from the database.", returncode=1)
        if report.parked:
            raise CommandError("Some search updates are parked.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The search index matches the database."))

    def show_parked(self, report, show):
        self.stdout.write(f"Parked updates: {len(report.parked)}")
        for entry in report.parked[:show]:
            error = entry.last_error.splitlines()[0] if entry.last_error else ""
            self.stdout.write(
                f"  {entry} (parked {entry.parked_at:%Y-%m-%d %H:%M}, "
                f"{entry.attempts} attempts): {error[:300]}"
            )
