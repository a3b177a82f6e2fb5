"""Search backends behind one interface (``base.SearchBackend``).

PostgreSQL is the default on PostgreSQL, Elasticsearch 8 when
``ELASTICSEARCH_URL`` is set, and a simple backend keeps search working on
SQLite, the zero-setup development database. ``PORTAL_SEARCH_BACKEND``
("postgres", "elasticsearch", "simple") overrides the choice.
"""

from functools import cache

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

BACKENDS = {
    "postgres": "search.backends.postgres.PostgresSearchBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchSearchBackend",
    "simple": "search.backends.simple.SimpleSearchBackend",
}


def backend_name() -> str:
    configured = getattr(settings, "PORTAL_SEARCH_BACKEND", None)
    if configured:
        return configured
    if settings.ELASTICSEARCH_URL:
        return "elasticsearch"
    return "postgres" if connection.vendor == "postgresql" else "simple"


@cache
def _backend(name: str):
    return import_string(BACKENDS[name])()


def get_backend():
    return _backend(backend_name())
