"""Settings for benchmarks: production settings plus the benchmark-only app.

Never used by the portal itself; ``bench/*/run.py`` sets the environment.
"""

from portal.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.searchbench"]  # noqa: F405
# Wagtail's stock database search, for the side-by-side comparison.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}
}
PORTAL_SEARCH_BACKEND = "postgres"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
