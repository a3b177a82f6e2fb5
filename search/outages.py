"""Telling a search outage from other failures.

An outage (the backend unreachable, timing out, overloaded) degrades
search to a 503 with Retry-After and keeps updates waiting in the outbox;
anything else is a bug or a document the backend rejects, and stays one.
Wagtail's own search (``?search=`` on ``/api/v2/pages/``) raises the
Elasticsearch client's errors unwrapped, so they are recognised here too.
"""

from search.backends.base import SearchUnavailable


def is_outage(error: BaseException) -> bool:
    if isinstance(error, SearchUnavailable):
        return True
    try:
        import elastic_transport
        from elasticsearch.helpers import BulkIndexError
    except ImportError:  # Elasticsearch is optional
        return False
    if isinstance(error, elastic_transport.TransportError):  # no answer at all
        return True
    if isinstance(error, elastic_transport.ApiError):
        return unavailable_status(error.meta.status)
    if isinstance(error, BulkIndexError):
        statuses = [next(iter(item.values())).get("status", 0) for item in error.errors]
        return bool(statuses) and all(unavailable_status(status) for status in statuses)
    return False


def unavailable_status(status: int) -> bool:
    return status == 429 or status >= 500
