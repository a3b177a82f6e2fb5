"""The background worker: django-tasks' database queue and the periodic jobs, in one process.

``db_worker`` (django_tasks_db) runs queued tasks in the main thread and
handles the signals. The periodic jobs tick in a daemon thread beside it,
with the thread's own database connection. On SIGTERM or Ctrl+C the queue
stops as ``db_worker`` does (after the running task), and then the job that
is running, if any, is waited for; a second signal stops at once.
"""

import logging
import os
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from scheduling.runner import run_due_jobs

logger = logging.getLogger("scheduling")


class PeriodicJobsThread(threading.Thread):
    def __init__(self, tick: float):
        super().__init__(name="periodic-jobs", daemon=True)
        self.tick = tick
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.run_due()
                self.stopping.wait(self.tick)
        finally:
            connection.close()

    def run_due(self) -> None:
        close_old_connections()
        try:
            ran = run_due_jobs()
        except Exception:
            # The database may be away for a moment; the next tick tries again.
            logger.exception("Periodic jobs could not be run")
        else:
            if ran:
                logger.info("Periodic jobs run: %s", ", ".join(ran))
        finally:
            close_old_connections()

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():
            logger.info("Waiting for the running periodic job to finish...")
            self.join()


class Command(DatabaseWorkerCommand):
    help = "Run the database task queue (as db_worker does) and the periodic jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--tick",
            type=float,
            default=None,
            help="Seconds between looks for due periodic jobs (default: SCHEDULING_TICK_SECONDS).",
        )

    def handle(self, *args, tick=None, **options):
        reloading = options.get("reload") and not options.get("batch")
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The autoreloader's parent process only restarts the child, which ticks.
            return super().handle(*args, **options)
        jobs = PeriodicJobsThread(
            tick if tick is not None else getattr(settings, "SCHEDULING_TICK_SECONDS", 30)
        )
        jobs.start()
        try:
            return super().handle(*args, **options)
        finally:
            jobs.stop()
