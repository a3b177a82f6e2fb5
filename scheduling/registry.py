"""Periodic jobs: each app declares its own in a ``periodic_jobs`` module.

django-tasks runs queued work but has no schedule. An app registers a job
with a name, an interval and a function taking no arguments::

    # myapp/periodic_jobs.py
    from datetime import timedelta
    from scheduling.registry import register

    register("myapp.prune", timedelta(days=1), prune, description="...")

The modules are imported at start-up (``SchedulingConfig.ready``), like the
search sources; ``scheduling.runner`` runs whatever is due.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    func: Callable[[], object]
    description: str = ""


_jobs: dict[str, Job] = {}


def register(
    name: str,
    every: datetime.timedelta,
    func: Callable[[], object],
    *,
    description: str = "",
) -> Job:
    """Declares a job that runs ``func()`` about every ``every``; names are unique."""
    if name in _jobs:
        raise ValueError(f"A periodic job named {name!r} is already registered.")
    if len(name) > 100:
        raise ValueError(f"Periodic job names have at most 100 characters: {name!r}.")
    if every <= datetime.timedelta(0):
        raise ValueError(f"Periodic job {name!r} needs a positive interval.")
    job = Job(name=name, every=every, func=func, description=description)
    _jobs[name] = job
    return job


def jobs() -> list[Job]:
    return list(_jobs.values())


def get_job(name: str) -> Job:
    return _jobs[name]


def autodiscover() -> None:
    """Imports every installed app's ``periodic_jobs`` module."""
    autodiscover_modules("periodic_jobs")
