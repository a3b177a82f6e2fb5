"""Concurrent ballots on real PostgreSQL: nothing lost, nothing doubled, counts exact."""

import pytest

from participation.refusals import Conflict
from polls import tallies
from polls.models import Ballot, PollTally
from polls.services import cast_ballot, change_ballot, poll_results
from tests.concurrency import run_together
from tests.polls.factories import anonymous, inputs, make_poll, valid_answers

pytestmark = [
    # Committed transactions, so threads see each other's rows. Only the polls
    # tables are emptied afterwards, keeping what migrations created (locales,
    # the page tree) for the tests that follow.
    pytest.mark.django_db(transaction=True, available_apps=["polls"]),
    pytest.mark.usefixtures("frozen_now", "generous_limits"),
]


def test_fifty_submissions_of_one_participant_store_exactly_one_ballot():
    poll = make_poll()
    voter = anonymous("same-browser")
    answers = valid_answers(poll)

    outcomes = run_together(50, lambda i: cast_ballot(poll, voter, inputs(answers)))

    stored = [outcome for outcome in outcomes if isinstance(outcome, Ballot)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert len(stored) == 1
    assert len(refused) == 49
    assert all(problem.code == "already_voted" for problem in refused)
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert tallies.read(poll.pk) == tallies.recount(poll.pk)
    assert poll_results(poll).ballots == 1


# PostgreSQL here allows 100 connections (shared with other test runs), so
# 200 participants vote through 40 threads released at once, 5 each.
THREADS, PER_THREAD = 40, 5


def test_two_hundred_participants_at_once_give_two_hundred_ballots_and_exact_counts():
    poll = make_poll()

    def vote(index):
        answers = valid_answers(poll, first=index % 2, second=(index % 3,), rating=1 + index % 5)
        return cast_ballot(poll, anonymous(f"browser-{index}"), inputs(answers))

    batches = run_together(THREADS, lambda t: [vote(t * PER_THREAD + i) for i in range(PER_THREAD)])
    outcomes = [
        outcome for batch in batches for outcome in (batch if isinstance(batch, list) else [batch])
    ]

    assert all(isinstance(outcome, Ballot) for outcome in outcomes), [
        outcome for outcome in outcomes if not isinstance(outcome, Ballot)
    ][:3]
    assert Ballot.objects.filter(poll=poll).count() == 200
    assert tallies.read(poll.pk) == tallies.recount(poll.pk)
    results = poll_results(poll)
    assert results.ballots == 200
    assert [option.count for option in results.questions[0].options] == [100, 100]
    assert [option.count for option in results.questions[1].options] == [67, 67, 66]
    assert [option.count for option in results.questions[2].options] == [40] * 5
    assert PollTally.objects.filter(poll=poll).values("slot").distinct().count() > 1


def test_concurrent_changes_of_one_ballot_keep_the_counts_exact():
    poll = make_poll(allow_ballot_change=True)
    voter = anonymous("changer")
    cast_ballot(poll, voter, inputs(valid_answers(poll)))

    def change(index):
        answers = valid_answers(poll, first=index % 2, rating=1 + index % 5)
        return change_ballot(poll, voter, inputs(answers))

    outcomes = run_together(20, change)

    assert all(isinstance(outcome, Ballot) for outcome in outcomes)
    live = {key: count for key, count in tallies.read(poll.pk).items() if count}
    assert live == tallies.recount(poll.pk)
    assert poll_results(poll).ballots == 1
