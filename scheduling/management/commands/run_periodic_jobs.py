"""Runs the periodic jobs from cron (or by hand), for installations without ``manage.py worker``."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scheduling import registry
from scheduling.runner import run_due_jobs, run_job


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (--once), or one job now (--job NAME); "
        "without either, keep running them every SCHEDULING_TICK_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the due jobs once and exit.")
        parser.add_argument("--job", metavar="NAME", help="Run this job now, due or not, and exit.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *, once, job, list, **options):
        if list:
            for item in registry.jobs():
                self.stdout.write(f"{item.name}\tevery {item.every}\t{item.description}")
            return
        if job:
            self.run_one(job)
            return
        while True:
            for name in run_due_jobs():
                self.stdout.write(f"ran {name}")
            if once:
                return
            time.sleep(getattr(settings, "SCHEDULING_TICK_SECONDS", 30))

    def run_one(self, name):
        try:
            job = registry.get_job(name)
        except KeyError:
            known = ", ".join(sorted(item.name for item in registry.jobs()))
            raise CommandError(f"No periodic job named {name!r}. Known: {known}") from None
        row = run_job(job, force=True)
        if row is None:
            raise CommandError(f"{name} is running in another worker right now; not started.")
        if row.last_error:
            raise CommandError(f"{name} failed:\n{row.last_error}")
        self.stdout.write(f"ran {name}")
