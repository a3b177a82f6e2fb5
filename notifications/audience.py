"""Who hears of something: the distinct followers of a set of targets, streamed.

Recipients are read in batches ordered by their id (keyset pagination), each
batch one ``SELECT DISTINCT`` over the follows of all the targets. Someone who
follows both a project and its department comes once, and memory holds one
batch however large the audience. Notifications and newsletters both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import reduce
from operator import or_

from django.db.models import Q

from notifications.models import Follow

BATCH_SIZE = 1000


def targets_q(targets: Iterable[tuple[str, int]]) -> Q | None:
    """One condition over ``(target, target_id)`` pairs; None for no pairs."""
    conditions = [Q(target=target, target_id=target_id) for target, target_id in set(targets)]
    return reduce(or_, conditions) if conditions else None


def _stream(field: str, targets, batch_size: int) -> Iterator[list[int]]:
    condition = targets_q(targets)
    if condition is None:
        return
    last = 0
    while True:
        batch = list(
            Follow.objects.filter(condition, **{f"{field}__gt": last})
            .order_by(field)
            .values_list(field, flat=True)
            .distinct()[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]


def user_ids(targets: Iterable[tuple[str, int]], batch_size: int = BATCH_SIZE):
    """Batches of the ids of accounts following any of the targets, each id once."""
    return _stream("user_id", list(targets), batch_size)


def subscriber_ids(targets: Iterable[tuple[str, int]], batch_size: int = BATCH_SIZE):
    """Batches of the ids of confirmed e-mail subscribers following any of the targets."""
    return _stream("subscriber_id", list(targets), batch_size)
