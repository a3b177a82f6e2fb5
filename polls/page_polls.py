"""Everything the polls embedded in one page need, read once for all of them.

A page with five polls would otherwise read each poll's questions, choices,
tallies and the visitor's ballot on its own (four or five queries per poll).
``preload`` reads them for all the page's polls at once, in a fixed number
of queries however many polls there are; ``for_page`` does it once per
request and page (the poll blocks of a page and the API's fields share it).
The rules are untouched: ``services.view_poll`` still decides what the
visitor sees, it only takes the rows from here instead of reading them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import OuterRef, Sum
from django.db.models.functions import JSONObject

from participation import compiled
from participation.participants import Participant
from polls.models import Ballot, Choice, PollTally, Question
from polls.placements import poll_ids_in


@dataclass
class PagePolls:
    """Rows for the polls of one page, by poll id (missing ids: nothing of that kind)."""

    questions: dict[int, list[Question]] = field(default_factory=dict)
    ballots: dict[int, Ballot] = field(default_factory=dict)
    totals: dict[int, dict[str, int]] = field(default_factory=dict)

    def covers(self, poll_id: int) -> bool:
        return poll_id in self.questions


def _fields(model) -> list:
    return list(model._meta.concrete_fields)


def _questions_of(*poll_ids):
    rows = ArraySubquery(
        Choice.objects.filter(question_id=OuterRef("pk"))
        .order_by("sort_order")
        .values(row=JSONObject(**{field.attname: field.attname for field in _fields(Choice)}))
    )
    return (
        Question.objects.filter(poll_id__in=poll_ids)
        .annotate(choice_rows=rows)
        .order_by("poll_id", "sort_order")
    )


def _totals_of(*poll_ids):
    return (
        PollTally.objects.filter(poll_id__in=poll_ids)
        .values_list("poll_id", "key")
        .annotate(total=Sum("count"))
        .order_by()
    )


def questions_with_choices(poll_ids) -> list[Question]:
    """The polls' questions in order, their choices loaded in the same query (as JSON rows).

    ``question.choices.all()`` then answers without a query, as after prefetch_related.
    Without PostgreSQL (SQLite for ``make run``): one more query, by prefetch_related.
    """
    if connection.vendor != "postgresql":
        return list(
            Question.objects.filter(poll_id__in=poll_ids)
            .order_by("poll_id", "sort_order")
            .prefetch_related("choices")
        )
    choice_fields = _fields(Choice)
    ids = sorted(set(poll_ids))
    # Compiled once per process for each number of polls (participation.compiled).
    questions = compiled.run(("polls.questions", len(ids)), _questions_of, ids)
    names = [field.attname for field in choice_fields]
    for question in questions:
        choices = [
            Choice.from_db(
                DEFAULT_DB_ALIAS,
                names,
                [field.to_python(row[field.attname]) for field in choice_fields],
            )
            for row in question.choice_rows or []
        ]
        queryset = question.choices.all()
        queryset._result_cache = choices
        queryset._prefetch_done = True
        question.__dict__.setdefault("_prefetched_objects_cache", {})["choices"] = queryset
    return questions


def preload(poll_ids, participant: Participant, *, with_ballots: bool = True) -> PagePolls:
    """Questions with choices (1 query), tallies (1) and the participant's ballots (0-2).

    ``with_ballots=False``: for answers that show nothing personal (the API's
    page output), the ballots are not read.
    """
    ids = sorted(set(poll_ids))
    loaded = PagePolls()
    if not ids:
        return loaded
    loaded.questions = {poll_id: [] for poll_id in ids}
    for question in questions_with_choices(ids):
        loaded.questions[question.poll_id].append(question)
    totals = compiled.run(("polls.totals", len(ids)), _totals_of, ids)
    loaded.totals = {poll_id: {} for poll_id in ids}
    for poll_id, key, total in totals:
        loaded.totals[poll_id][key] = int(total)
    if with_ballots and participant.key is not None:
        ballots = Ballot.objects.filter(
            poll_id__in=ids, participant_key=participant.key
        ).prefetch_related("answers")
        loaded.ballots = {ballot.poll_id: ballot for ballot in ballots}
    return loaded


def for_request(
    request, poll_ids, participant: Participant, *, with_ballots: bool = True
) -> PagePolls:
    """The preloaded ``poll_ids`` for this request (read on first use, then kept on the request)."""
    memo = request.__dict__.setdefault("_portal_page_polls", {})
    key = (frozenset(poll_ids), participant.key, with_ballots)
    if key not in memo:
        memo[key] = preload(poll_ids, participant, with_ballots=with_ballots)
    return memo[key]


def for_page(request, page, participant: Participant) -> PagePolls:
    """The preloaded polls of all of ``page``'s streams, for this request."""
    return for_request(request, poll_ids_in(page) if page is not None else (), participant)


def stream_poll_ids(stream_value) -> list[int]:
    """Ids of the polls a stream's own poll blocks embed, from the stored data (no query)."""
    return [
        item["value"]["poll"]
        for item in getattr(stream_value, "raw_data", None) or []
        if item.get("type") == "poll"
        and isinstance(item.get("value"), dict)
        and str(item["value"].get("poll") or "").isdigit()
    ]
