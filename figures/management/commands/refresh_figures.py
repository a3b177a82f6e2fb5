from django.core.management.base import BaseCommand

from figures.rollup import refresh


class Command(BaseCommand):
    help = "Rebuilds the rollups of the figures (Auswertung); the hourly job does the same."

    def handle(self, *args, **options):
        run = refresh()
        self.stdout.write(
            f"Figures refreshed in {run.seconds:.1f} s ({run.finished_at:%Y-%m-%d %H:%M:%S %Z})."
        )
