"""Result counts kept in the same transaction as the ballots.

A ballot adds one to ``ballots`` and to every key its answers touch; a
changed ballot subtracts its old keys and adds its new ones. All keys of one
transaction go into one ``INSERT ... ON CONFLICT DO UPDATE`` in sorted order
(a consistent lock order, so two ballots never deadlock) on one random slot
(so concurrent ballots rarely wait for the same row). PostgreSQL and SQLite
both understand the statement.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable

from django.db import connection
from django.db.models import Sum

from polls.models import Answer, Ballot, PollTally

# More slots: less waiting on hot rows, more rows to sum when reading.
TALLY_SLOTS = 16


def question_key(question_id: int, suffix: str) -> str:
    return f"q{question_id}:{suffix}"


def keys_for_answers(answers: Iterable[Answer]) -> Counter:
    """The tally keys one ballot with these answers counts towards (ballots included)."""
    keys = Counter({PollTally.BALLOTS: 1})
    answered = set()
    for answer in answers:
        answered.add(answer.question_id)
        if answer.choice_id is not None:
            keys[question_key(answer.question_id, f"c{answer.choice_id}")] += 1
        elif answer.rating is not None:
            keys[question_key(answer.question_id, f"r{answer.rating}")] += 1
        else:
            keys[question_key(answer.question_id, "text")] += 1
    for question_id in answered:
        keys[question_key(question_id, "participants")] += 1
    return keys


def apply(poll_id: int, deltas: Counter | dict[str, int]) -> None:
    """Adds ``deltas`` (key -> signed amount) to the tallies, inside the ballot's transaction."""
    items = sorted((key, amount) for key, amount in deltas.items() if amount)
    if not items:
        return
    slot = secrets.randbelow(TALLY_SLOTS)
    table = connection.ops.quote_name(PollTally._meta.db_table)
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(items))
    params = []
    for key, amount in items:
        params += [poll_id, key, slot, amount]
    sql = (
        f"INSERT INTO {table} (poll_id, key, slot, count) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT (poll_id, key, slot) DO UPDATE SET count = {table}.count + EXCLUDED.count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def read(poll_id: int) -> dict[str, int]:
    """Every key's total for one poll: one indexed query, however many ballots there are."""
    rows = (
        PollTally.objects.filter(poll_id=poll_id)
        .values_list("key")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {key: int(total) for key, total in rows}


def recount(poll_id: int) -> dict[str, int]:
    """The same totals recomputed from the answers: slow, for tests and the benchmark's check."""
    totals: Counter = Counter()
    ballots = Ballot.objects.filter(poll_id=poll_id).prefetch_related("answers")
    for ballot in ballots.iterator(chunk_size=2000):
        totals.update(keys_for_answers(ballot.answers.all()))
    return {key: count for key, count in totals.items() if count}
