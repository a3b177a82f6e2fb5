"""A new ballot, its answers and its tally counts in one statement.

A data-modifying ``WITH`` query is atomic by itself: the ballot, its
answers and the tallies are stored together or not at all, in one round
trip and without a transaction around it. A second ballot of the same
participant stores nothing (``ON CONFLICT DO NOTHING`` on the one-ballot
constraint; a concurrent first ballot is waited for): no error aborts an
enclosing transaction, so none needs a savepoint.
"""

from __future__ import annotations

import secrets
from collections import Counter

from django.db import connection

from polls import tallies
from polls.models import Answer, Ballot, PollTally


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert_ballot(ballot: Ballot, answers: list[Answer], tally_keys: Counter) -> bool:
    """Stores ``ballot`` (unsaved) with ``answers`` and adds ``tally_keys`` to the tallies.

    False (and nothing stored) if the participant already has a ballot in
    this poll. Sets the primary keys (and the answers' ``ballot``) as
    ``save`` and ``bulk_create`` would.
    """
    fields = [field for field in Ballot._meta.concrete_fields if not field.primary_key]
    values = [
        field.get_db_prep_save(field.pre_save(ballot, add=True), connection) for field in fields
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    items = sorted((key, amount) for key, amount in tally_keys.items() if amount)
    sql = (
        f"WITH b AS (INSERT INTO {_table(Ballot)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
        "ON CONFLICT (poll_id, participant_key) DO NOTHING RETURNING id), "
        f"a AS (INSERT INTO {_table(Answer)} (ballot_id, question_id, choice_id, rating, text) "
        "SELECT b.id, x.question, x.choice, x.rating, x.text FROM b, "
        "unnest(%s::bigint[], %s::bigint[], %s::smallint[], %s::text[]) WITH ORDINALITY "
        "AS x(question, choice, rating, text, position) ORDER BY x.position RETURNING id), "
        f"t AS (INSERT INTO {_table(PollTally)} (poll_id, key, slot, count) "
        "SELECT %s, k.key, %s, k.amount FROM b, unnest(%s::text[], %s::integer[]) WITH ORDINALITY "
        "AS k(key, amount, position) ORDER BY k.position "
        f"ON CONFLICT (poll_id, key, slot) DO UPDATE SET count = {_table(PollTally)}.count "
        "+ EXCLUDED.count) "
        "SELECT b.id, (SELECT array_agg(a.id ORDER BY a.id) FROM a) FROM b"
    )
    params = [
        *values,
        [answer.question_id for answer in answers],
        [answer.choice_id for answer in answers],
        [answer.rating for answer in answers],
        [answer.text or "" for answer in answers],
        ballot.poll_id,
        secrets.randbelow(tallies.TALLY_SLOTS),
        [key for key, _amount in items],
        [amount for _key, amount in items],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    ballot_id, answer_ids = row
    ballot.pk = ballot_id
    ballot._state.adding = False
    ballot._state.db = connection.alias
    for answer, answer_id in zip(answers, answer_ids or [], strict=True):
        answer.pk = answer_id
        answer.ballot = ballot
        answer._state.adding = False
        answer._state.db = connection.alias
    return True
