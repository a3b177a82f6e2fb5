"""The listing of a collection: filters, three orders and keyset pagination.

No OFFSET and no COUNT(*): each page asks for one row more than it shows
and continues after the last one (a cursor of the sort value and the id).
The orders:

- newest: ``created_at`` then id, descending;
- most supported: ``support_count`` then id, descending;
- random: ``md5(seed || id)`` then id, ascending. The seed is the
  visitor's (kept in the session), so their order stays put while they
  page and come back, yet every visitor sees another one: no proposal
  owes its place at the top to having been first (CONSUL's default).

Later: "most discussed" orders by a comment counter kept like
``support_count``; the map filters the same queryset by a bounding box.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, Q, Value
from django.db.models.functions import MD5, Cast, Concat

from proposals.models import Proposal

PAGE_SIZE = 20
SEED_SESSION_KEY = "proposals_random_seed"


class Sort:
    NEWEST = "neueste"
    SUPPORTED = "unterstuetzt"
    RANDOM = "zufall"
    ALL = (RANDOM, NEWEST, SUPPORTED)
    DEFAULT = RANDOM


def new_seed() -> str:
    return secrets.token_hex(8)


@dataclass
class ListingPage:
    proposals: list
    next_cursor: str | None


def _ordered(queryset, sort: str, seed: str):
    if sort == Sort.NEWEST:
        return queryset.order_by("-created_at", "-id"), "created_at"
    if sort == Sort.SUPPORTED:
        return queryset.order_by("-support_count", "-id"), "support_count"
    key = MD5(Concat(Value(seed), Cast("id", CharField())))
    return queryset.annotate(random_key=key).order_by("random_key", "id"), "random_key"


def _after(sort: str, value: str, pk: int) -> Q:
    if sort == Sort.NEWEST:
        moment = datetime.fromisoformat(value)
        return Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk)
    if sort == Sort.SUPPORTED:
        count = int(value)
        return Q(support_count__lt=count) | Q(support_count=count, id__lt=pk)
    if len(value) != 32 or any(char not in "0123456789abcdef" for char in value):
        raise ValueError(value)
    return Q(random_key__gt=value) | Q(random_key=value, id__gt=pk)


def _cursor_value(proposal: Proposal, field: str) -> str:
    value = getattr(proposal, field)
    return value.isoformat() if isinstance(value, datetime) else str(value)


def listing_page(queryset, *, sort: str, seed: str, cursor: str = "") -> ListingPage:
    """One page of ``queryset`` in ``sort`` order, after ``cursor`` (a bad cursor: page one)."""
    if sort not in Sort.ALL:
        sort = Sort.DEFAULT
    queryset, field = _ordered(queryset, sort, seed)
    if cursor:
        value, _sep, pk = cursor.rpartition("~")
        with contextlib.suppress(ValueError, OverflowError):
            queryset = queryset.filter(_after(sort, value, int(pk)))
    rows = list(queryset[: PAGE_SIZE + 1])
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        next_cursor = f"{_cursor_value(last, field)}~{last.pk}"
    return ListingPage(rows, next_cursor)
