"""Casting, changing and reading ballots: the one service layer for HTML and API.

Every rule is checked here (through polls.rules), in the same order for
both paths, and every write happens in one transaction: a ballot, its
answers and its tally counts are stored together or not at all. "One
ballot per participant" rests on the database's unique constraint, so
concurrent submissions store exactly one ballot and the others get
``already_voted``.
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participation import ratelimit
from participation.participants import Participant
from participation.refusals import Conflict, NotFound, Refusal
from polls import hosting, network_limit, rules, tallies
from polls.ballot_writes import insert_ballot
from polls.events import answers_stored
from polls.models import Answer, Ballot, Poll, Question
from polls.page_polls import PagePolls
from polls.results import PollResults, build_results
from polls.validation import AnswerInput, clean_answers

STRUCTURE_CACHE_SECONDS = 3600

__all__ = [
    "AnswerInput",
    "ballot_for",
    "cast_ballot",
    "change_ballot",
    "get_poll",
    "poll_questions",
    "poll_results",
]


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal


def limit_rate(participant: Participant, poll: Poll) -> None:
    if rules.uses_anonymous_token(participant, poll):
        ratelimit.hit("ballot_per_ip", participant.ip_hash)
    ratelimit.hit("ballot_per_participant", participant.key)


def network_hash_to_keep(participant: Participant) -> str:
    """Anonymous ballots keep their network's daily hash (see polls.network_limit), others none."""
    return "" if participant.is_authenticated else participant.ip_hash


def structure_cache_key(poll_id: int) -> str:
    return f"polls:structure:{poll_id}"


def load_structure(poll_id: int) -> tuple[Poll, list[Question]] | None:
    """The poll row and its questions (choices loaded), from the cache or in two queries.

    Every ballot and every page view needs them, and they rarely change;
    polls.signals drops the entry whenever a poll, question or choice is
    saved or deleted (``QuerySet.update`` sends no signal: save instead).
    Opening and closing are compared with the clock on each request, so a
    cached poll still closes on time.
    """
    key = structure_cache_key(poll_id)
    structure = cache.get(key)
    if structure is None:
        poll = Poll.objects.filter(pk=poll_id).first()
        if poll is None:
            return None
        structure = (poll, list(poll.questions.all().prefetch_related("choices")))
        cache.set(key, structure, timeout=STRUCTURE_CACHE_SECONDS)
    return structure


def get_poll(poll_id: int) -> Poll:
    """The poll with this id (its questions come along), or a 404 problem."""
    structure = load_structure(poll_id)
    if structure is None:
        raise NotFound(code="poll_not_found")
    poll, questions = structure
    poll._structure_questions = questions
    return poll


def poll_questions(poll: Poll) -> list[Question]:
    """The poll's questions in order, each with its choices loaded (see load_structure).

    A poll from get_poll brings the questions read with it (one snapshot);
    any other poll instance reads the current ones.
    """
    questions = getattr(poll, "_structure_questions", None)
    if questions is not None:
        return questions
    structure = load_structure(poll.pk)
    return structure[1] if structure is not None else []


def admit(poll: Poll, participant: Participant, refusal: Refusal | None, page=None):
    """The checks every write shares, before any input is looked at.

    ``page`` is the page a form was posted from; the poll must be on it.
    """
    refuse(rules.placement_refusal(participant, poll, hosting.shown_to(poll, participant, page)))
    refuse(refusal)
    limit_rate(participant, poll)


def cast_ballot(
    poll: Poll, participant: Participant, answers: list[AnswerInput], *, page=None
) -> Ballot:
    """Stores this participant's one ballot, or raises a Refusal saying why not."""
    admit(poll, participant, rules.voting_refusal(participant, poll, timezone.now()), page)
    cleaned = clean_answers(poll_questions(poll), answers)
    ballot = Ballot(
        poll=poll,
        participant_key=participant.key,
        user=participant.user,
        voter_kind=rules.voter_kind(participant),
        network_hash=network_hash_to_keep(participant),
    )
    try:
        with (
            transaction.atomic() if needs_transaction(poll, participant, cleaned) else nullcontext()
        ):
            network_limit.check(poll, participant, already_voted=already_voted)
            if not store_ballot(ballot, cleaned):
                raise already_voted(poll)
            answers_stored.send(sender=Answer, answers=cleaned)
    except IntegrityError:
        if Ballot.objects.filter(poll=poll, participant_key=participant.key).exists():
            raise already_voted(poll) from None
        raise
    remember_answers(ballot, cleaned)
    return ballot


def needs_transaction(poll: Poll, participant: Participant, answers: list[Answer]) -> bool:
    """Whether storing the ballot takes more than its one statement (``store_ballot``).

    The per-network limit counts and locks first; published free text is
    indexed by the search (``answers_stored``), whose outbox entry must
    commit with the answers.
    """
    publishes_text = poll.publish_free_text and any(answer.text for answer in answers)
    return network_limit.applies(poll, participant) or publishes_text


def store_ballot(ballot: Ballot, answers: list[Answer]) -> bool:
    """The ballot, its answers and their tally counts, stored together; False if the
    participant has a ballot already (on PostgreSQL; elsewhere the constraint raises)."""
    keys = tallies.keys_for_answers(answers)
    if connection.vendor == "postgresql":
        return insert_ballot(ballot, answers, keys)
    with transaction.atomic():
        ballot.save(force_insert=True)
        for answer in answers:
            answer.ballot = ballot
        Answer.objects.bulk_create(answers)
        tallies.apply(ballot.poll_id, keys)
    return True


def remember_answers(ballot: Ballot, answers: list[Answer]) -> None:
    """Lets ``ballot.answers.all()`` answer from memory, without another query."""
    remembered = Answer.objects.filter(ballot=ballot)
    remembered._result_cache = answers
    remembered._prefetch_done = True
    ballot._prefetched_objects_cache = {"answers": remembered}


def already_voted(poll: Poll) -> Conflict:
    if poll.allow_ballot_change:
        detail = _("You have already voted in this poll. You can change your ballot instead.")
    else:
        detail = _("You have already voted in this poll. Each person can vote only once.")
    return Conflict(detail, code="already_voted")


def change_ballot(
    poll: Poll, participant: Participant, answers: list[AnswerInput], *, page=None
) -> Ballot:
    """Replaces this participant's answers atomically, where the poll allows it."""
    admit(poll, participant, rules.change_refusal(participant, poll, timezone.now()), page)
    cleaned = clean_answers(poll_questions(poll), answers)
    with transaction.atomic():
        ballot = (
            Ballot.objects.select_for_update()
            .filter(poll=poll, participant_key=participant.key)
            .first()
        )
        if ballot is None:
            raise NotFound(_("You have not voted in this poll yet."), code="no_ballot")
        old = list(ballot.answers.all())
        ballot.answers.all().delete()
        for answer in cleaned:
            answer.ballot = ballot
        Answer.objects.bulk_create(cleaned)
        answers_stored.send(sender=Answer, answers=cleaned)
        deltas = Counter(tallies.keys_for_answers(cleaned))
        deltas.subtract(tallies.keys_for_answers(old))
        tallies.apply(poll.pk, deltas)
        ballot.save(update_fields=["updated_at"])
    remember_answers(ballot, cleaned)
    return ballot


def polls_visible_to(participant: Participant, poll_ids) -> dict[int, Poll]:
    """id -> poll, for the polls of ``poll_ids`` that exist for this participant at all."""
    polls = Poll.objects.in_bulk(poll_ids)
    return {pk: poll for pk, poll in polls.items() if rules.may_see_poll(participant, poll)}


def ballot_for(poll: Poll, participant: Participant) -> Ballot | None:
    """The participant's own ballot with its answers, or None."""
    if participant.key is None:
        return None
    return (
        Ballot.objects.filter(poll=poll, participant_key=participant.key)
        .prefetch_related("answers")
        .first()
    )


def poll_results(
    poll: Poll, questions: list[Question] | None = None, totals: dict[str, int] | None = None
) -> PollResults:
    """Exact results from the tallies (``totals`` if already read), in a fixed number of queries."""
    return build_results(
        poll, questions if questions is not None else poll_questions(poll), totals=totals
    )


@dataclass
class PollView:
    """What a visitor may see of a poll and do with it, for the block and the API."""

    poll: Poll
    questions: list[Question]
    state: str
    can_vote: bool
    can_change: bool
    ballot: Ballot | None
    results: PollResults | None
    # The participant may vote with a browser token they do not hold yet:
    # the edge hands one out with this answer.
    needs_anonymous_token: bool = False


def view_poll(
    poll: Poll, participant: Participant, *, rendered=False, preloaded: PagePolls | None = None
) -> PollView:
    """Everything a page or client shows about a poll, and whether it needs a browser token.

    ``rendered``: the poll block is being rendered in a page served to this
    participant (which is how they see it). Otherwise the poll must be on a
    page they may see. Raises NotFound for polls the participant may not see.
    """
    now = timezone.now()
    shown = rendered or hosting.shown_to(poll, participant)
    refuse(rules.placement_refusal(participant, poll, shown))
    refuse(rules.visibility_refusal(participant, poll))
    covered = preloaded is not None and preloaded.covers(poll.pk)
    questions = preloaded.questions[poll.pk] if covered else poll_questions(poll)
    ballot = preloaded.ballots.get(poll.pk) if covered else ballot_for(poll, participant)
    totals = preloaded.totals.get(poll.pk) if covered else None
    may_vote = rules.may_vote(participant, poll, now)
    return PollView(
        poll=poll,
        questions=questions,
        state=poll.state_at(now),
        can_vote=may_vote and ballot is None,
        can_change=(ballot is not None and rules.change_refusal(participant, poll, now) is None),
        ballot=ballot,
        results=(
            poll_results(poll, questions, totals)
            if rules.may_see_results(participant, poll, now)
            else None
        ),
        needs_anonymous_token=rules.needs_anonymous_token(participant, poll, now),
    )


def public_poll_view(
    poll: Poll, participant: Participant, preloaded: PagePolls | None = None
) -> PollView | None:
    """What a page's API output shows of an embedded poll: nothing personal; None if hidden.

    The page itself decided that the participant sees it; a client reads
    the participant's own ballot from the polls API.
    """
    if not rules.may_see_poll(participant, poll):
        return None
    now = timezone.now()
    covered = preloaded is not None and preloaded.covers(poll.pk)
    questions = preloaded.questions[poll.pk] if covered else poll_questions(poll)
    totals = preloaded.totals.get(poll.pk) if covered else None
    return PollView(
        poll=poll,
        questions=questions,
        state=poll.state_at(now),
        can_vote=False,
        can_change=False,
        ballot=None,
        results=(
            poll_results(poll, questions, totals)
            if rules.may_see_results(participant, poll, now)
            else None
        ),
    )
