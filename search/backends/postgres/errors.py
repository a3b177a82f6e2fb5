"""Which database errors are a search outage, and which are one document's fault."""

from contextlib import contextmanager

from django.db import DatabaseError, DataError, IntegrityError

from search.backends.base import SearchUnavailable

# SQLSTATE classes that blame the statement's data (22 data exception,
# 23 integrity, 54 program limit such as a tsvector too long): one document.
DOCUMENT_ERROR_CLASSES = ("22", "23", "54")


@contextmanager
def outage_guarded():
    """A statement's own data at fault stays an error; anything else is an outage."""
    try:
        yield
    except (DataError, IntegrityError):
        raise
    except DatabaseError as error:
        sqlstate = getattr(error.__cause__, "sqlstate", None) or ""
        if sqlstate[:2] in DOCUMENT_ERROR_CLASSES:
            raise
        raise SearchUnavailable(f"{type(error).__name__}: {error}") from error
