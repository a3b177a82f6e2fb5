"""Sort orders and keyset cursors of a discussion's pages (``comments.threads``).

The cursor carries the sort key of the last comment shown, signed so that
it cannot be forged; the next page starts right after it.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext as _

from comments.models import Comment
from participation.refusals import InvalidInput

NEWEST = "newest"
OLDEST = "oldest"
MOST_SUPPORTED = "most_supported"
# sort -> (key fields, descending)
SORTS = {
    NEWEST: (("created_at", "id"), True),
    OLDEST: (("created_at", "id"), False),
    MOST_SUPPORTED: (("support_count", "created_at", "id"), True),
}
DEFAULT_SORT = NEWEST
CURSOR_SALT = "comments.threads.cursor"


def invalid_cursor() -> InvalidInput:
    return InvalidInput(
        _("This page link is invalid. Please start again from the first page."),
        code="invalid_cursor",
        errors=[{"field": "cursor", "message": _("Invalid cursor.")}],
    )


def check_sort(sort: str | None) -> str:
    if not sort:
        return DEFAULT_SORT
    if sort not in SORTS:
        raise InvalidInput(
            _("Unknown sort order."),
            code="invalid_sort",
            errors=[{"field": "sort", "message": _("Choose newest, oldest or most_supported.")}],
        )
    return sort


def _key_value(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def encode_cursor(scope: str, sort: str, comment: Comment, *, inclusive=False) -> str:
    fields, _descending = SORTS[sort]
    payload = {"s": scope, "o": sort, "k": [_key_value(getattr(comment, f)) for f in fields]}
    if inclusive:
        payload["i"] = 1
    return signing.dumps(payload, salt=CURSOR_SALT)


def decode_cursor(cursor: str, scope: str, sort: str) -> tuple[list, bool]:
    """The sort key in ``cursor`` and whether the page includes it; 400 if forged or foreign."""
    try:
        payload = signing.loads(cursor, salt=CURSOR_SALT)
    except signing.BadSignature as error:
        raise invalid_cursor() from error
    fields, _descending = SORTS[sort]
    key = payload.get("k") if isinstance(payload, dict) else None
    if payload.get("s") != scope or payload.get("o") != sort or len(key or ()) != len(fields):
        raise invalid_cursor()
    try:
        values = [
            datetime.datetime.fromisoformat(value) if name == "created_at" else int(value)
            for name, value in zip(fields, key, strict=True)
        ]
    except (TypeError, ValueError) as error:
        raise invalid_cursor() from error
    return values, bool(payload.get("i"))


def keyset_filter(fields, values, descending: bool, inclusive=False) -> Q:
    """Rows after ``values`` in the order of ``fields`` (lexicographic, index friendly)."""
    strict = "lt" if descending else "gt"
    last = f"{strict}e" if inclusive else strict
    condition = Q(**{f"{fields[-1]}__{last}": values[-1]})
    for name, value in reversed(list(zip(fields[:-1], values[:-1], strict=True))):
        condition = Q(**{f"{name}__{strict}": value}) | (Q(**{name: value}) & condition)
    # The leading bound lets PostgreSQL start the index scan at the cursor.
    return Q(**{f"{fields[0]}__{strict}e": values[0]}) & condition


def ordering(sort: str) -> list[str]:
    fields, descending = SORTS[sort]
    return [f"-{name}" if descending else name for name in fields]
