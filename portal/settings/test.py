"""Test settings: real PostgreSQL, fast hashing, no outgoing mail.

The database comes from TEST_DATABASE_URL, then DATABASE_URL, else the local
server on 127.0.0.1:5432 (``make test`` checks that it answers first).
"""

import os

import dj_database_url

from .base import *  # noqa: F403
from .environment import env_str

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
DEBUG = False
# The demo content: tests load it as developers do.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("TEST_DATABASE_URL")
        or env_str("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/postgres",
        conn_max_age=0,
    )
}
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_portal")}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


# Real Redis, as in production: rate limits must hold across processes.
# Each test starts with an empty cache (tests/conftest.py); TEST_REDIS_URL
# lets parallel runs use separate databases.
def _redis_for_this_worker(url: str) -> str:
    """pytest-xdist workers (gw0, gw1, ...) each get their own Redis database.

    Every test empties the cache; workers sharing one database would empty
    each other's. gw0 keeps the given database, gwN takes the Nth below it.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    base, _slash, number = url.rpartition("/")
    return f"{base}/{(int(number or 0) - int(worker[2:])) % 16}"


CACHES = {
    "default": {
        "BACKEND": "portal.cache.PortalRedisCache",
        "LOCATION": _redis_for_this_worker(
            env_str("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"
        ),
        "KEY_PREFIX": "portal-test",
        "OPTIONS": CACHE_RESILIENCE_OPTIONS,  # noqa: F405
    }
}
MEDIA_ROOT = BASE_DIR / ".test-media" / (os.environ.get("PYTEST_XDIST_WORKER") or "main")  # noqa: F405
# The browser tests' live server shows uploaded images.
PORTAL_SERVE_MEDIA = True
# Beside MEDIA_ROOT, not in it: the test media server must not reach these.
PROPOSALS_MEDIA_ROOT = (
    BASE_DIR / ".test-media" / f"private-{os.environ.get('PYTEST_XDIST_WORKER') or 'main'}"  # noqa: F405
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "proposals": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PROPOSALS_MEDIA_ROOT, "base_url": "/nicht-oeffentlich/"},
    },
}
# allauth's own rate limits would make signup tests depend on each other.
ACCOUNT_RATE_LIMITS = False
# The tests use the static files finders; WhiteNoise is for collected files.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The search backend is chosen per test where it matters.
ELASTICSEARCH_URL = None
# No search circuit breaker across tests: one test's outage would answer the next one's searches.
PORTAL_SEARCH_BREAKER_SECONDS = 0
# The outbox (notifications.delivery) sends through the test mailbox.
PORTAL_OUTBOX_MAILER = "default"
# No shared page cache or front cache unless a test turns one on (tests/frontcache).
PORTAL_PAGE_CACHE_SECONDS = 0
WAGTAILFRONTENDCACHE = None
