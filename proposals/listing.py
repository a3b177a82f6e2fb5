"""The listing of a collection: filters, three orders and keyset pagination.

No OFFSET and no COUNT(*): each page asks for one row more than it shows
and continues after the last one (a cursor of the sort value and the id).
Every order walks an index that begins with the collection (``Proposal.Meta``).
The orders:

- newest: ``created_at`` then id, descending;
- most supported: ``support_count`` then id, descending;
- most discussed: ``comment_count`` (published comments, kept exact by
  ``proposals.discussion``) then id, descending;
- random: a rotation. Each proposal draws a random ``shuffle_key`` once;
  the visitor's seed (kept in the session) is a point in the same key
  space. Their order starts at the first key at or after the seed, runs up
  the index ``(collection, shuffle_key, id)`` and wraps around to the start
  (the first lap, then the second). So the order stays put while they page
  and come back, yet every visitor starts somewhere else: no proposal owes
  its place at the top to having been first (CONSUL's default).

Why a rotation is fair enough: keys and seeds are uniform and independent,
so every proposal is equally likely to be the first one shown (its chance
is the gap before its key; the gaps are exchangeable). For one drawn set of
keys the gaps vary, but a page of 20 spans 20 of them, so the chance of a
proposal to be on the first page stays within about a fifth of the mean.
What the rotation does not change is the neighbourhood: the cycle is the
same for every visitor. Sorting by ``md5(seed || id)`` gave each visitor a
new permutation but sorted the whole collection on each request.

Later: the map filters the same queryset by a bounding box.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import connections
from django.db.models import IntegerField, Q, Value

from proposals.models import SHUFFLE_BITS, Proposal

PAGE_SIZE = 20
SEED_SESSION_KEY = "proposals_random_seed"


class Sort:
    NEWEST = "neueste"
    SUPPORTED = "unterstuetzt"
    RANDOM = "zufall"
    DISCUSSED = "diskutiert"
    ALL = (RANDOM, NEWEST, SUPPORTED, DISCUSSED)
    DEFAULT = RANDOM


def new_seed() -> str:
    return secrets.token_hex(8)


@dataclass
class ListingPage:
    proposals: list
    next_cursor: str | None


def seed_key(seed: str) -> int:
    """The visitor's start in the key space of ``Proposal.shuffle_key``."""
    return int(seed, 16) >> (4 * len(seed) - SHUFFLE_BITS)


def _lap(queryset, lap: int, condition: Q):
    return (
        queryset.filter(condition)
        .annotate(lap=Value(lap, output_field=IntegerField()))
        .order_by("shuffle_key", "id")
    )


def _random_rows(queryset, seed: str, cursor: str) -> list:
    """One page and one row of the rotation: both laps in one UNION ALL, each on the index."""
    start = seed_key(seed)
    first, second = Q(shuffle_key__gte=start), Q(shuffle_key__lt=start)
    if cursor:
        lap, key, pk = _random_cursor(cursor)
        tie = Q(shuffle_key__gt=key) | Q(shuffle_key=key, id__gt=pk)
        after = Q(shuffle_key__gte=key) & tie
        if lap == 1:
            return list(_lap(queryset, 1, second & after)[: PAGE_SIZE + 1])
        first &= after
    first_lap = _lap(queryset, 0, first)[: PAGE_SIZE + 1]
    second_lap = _lap(queryset, 1, second)[: PAGE_SIZE + 1]
    if not connections[queryset.db].features.supports_slicing_ordering_in_compound:
        # SQLite (``make run``) takes no LIMIT inside a UNION: the laps one after the other.
        rows = list(first_lap)
        if len(rows) <= PAGE_SIZE:
            rows += list(second_lap[: PAGE_SIZE + 1 - len(rows)])
        return rows
    laps = first_lap.union(second_lap, all=True)
    return list(laps.order_by("lap", "shuffle_key", "id")[: PAGE_SIZE + 1])


def _random_cursor(cursor: str) -> tuple[int, int, int]:
    value, _sep, pk = cursor.rpartition("~")
    lap, _sep, key = value.partition("_")
    if lap not in ("0", "1"):
        raise ValueError(cursor)
    return int(lap), int(key), int(pk)


# The counter each counted order sorts by (then by id, both descending).
COUNTERS = {Sort.SUPPORTED: "support_count", Sort.DISCUSSED: "comment_count"}


def _ordered(queryset, sort: str):
    if sort == Sort.NEWEST:
        return queryset.order_by("-created_at", "-id"), "created_at"
    counter = COUNTERS[sort]
    return queryset.order_by(f"-{counter}", "-id"), counter


def _after(sort: str, value: str, pk: int) -> Q:
    """After the cursor; the redundant outer bound lets PostgreSQL start the index scan there."""
    if sort == Sort.NEWEST:
        moment = datetime.fromisoformat(value)
        tie = Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk)
        return Q(created_at__lte=moment) & tie
    count, counter = int(value), COUNTERS[sort]
    tie = Q(**{f"{counter}__lt": count}) | Q(**{counter: count, "id__lt": pk})
    return Q(**{f"{counter}__lte": count}) & tie


def _cursor_value(proposal: Proposal, field: str) -> str:
    value = getattr(proposal, field)
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _rows(queryset, sort: str, seed: str, cursor: str) -> tuple[list, str]:
    if sort == Sort.RANDOM:
        try:
            return _random_rows(queryset, seed, cursor), ""
        except (ValueError, OverflowError):
            return _random_rows(queryset, seed, ""), ""
    queryset, field = _ordered(queryset, sort)
    if cursor:
        value, _sep, pk = cursor.rpartition("~")
        with contextlib.suppress(ValueError, OverflowError):
            queryset = queryset.filter(_after(sort, value, int(pk)))
    return list(queryset[: PAGE_SIZE + 1]), field


def valid_cursor(sort: str, cursor: str) -> bool:
    """Whether ``cursor`` is one this listing could have given for ``sort``.

    ``listing_page`` quietly starts over at page one for anything else (a
    link someone shortened); the API tells its clients instead.
    """
    try:
        if sort == Sort.RANDOM:
            _random_cursor(cursor)
            return True
        value, _sep, pk = cursor.rpartition("~")
        _after(sort, value, int(pk))
    except (ValueError, OverflowError):
        return False
    # A moment without a time zone is none this listing gives.
    return sort != Sort.NEWEST or datetime.fromisoformat(value).tzinfo is not None


def listing_page(queryset, *, sort: str, seed: str, cursor: str = "") -> ListingPage:
    """One page of ``queryset`` in ``sort`` order, after ``cursor`` (a bad cursor: page one)."""
    if sort not in Sort.ALL:
        sort = Sort.DEFAULT
    rows, field = _rows(queryset, sort, seed, cursor)
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        value = f"{last.lap}_{last.shuffle_key}" if sort == Sort.RANDOM else None
        next_cursor = f"{value or _cursor_value(last, field)}~{last.pk}"
    return ListingPage(rows, next_cursor)
