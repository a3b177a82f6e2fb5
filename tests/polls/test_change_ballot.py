"""Where the poll allows it, a ballot is replaced atomically and the counts follow."""

import pytest

from participation.refusals import Forbidden, InvalidInput, NotFound
from polls import tallies
from polls.models import Ballot
from polls.services import cast_ballot, change_ballot, poll_results
from tests.polls.factories import anonymous, inputs, make_poll, valid_answers

pytestmark = pytest.mark.usefixtures("frozen_now")


def test_changing_replaces_answers_and_moves_the_counts(db, post_request):
    poll = make_poll(allow_ballot_change=True)
    voter, other = anonymous("a"), anonymous("b")
    cast_ballot(poll, voter, inputs(valid_answers(poll, first=0, rating=5)))
    cast_ballot(poll, other, inputs(valid_answers(poll, first=0, rating=1)))
    ballot = Ballot.objects.get(participant_key=voter.key)
    changed = change_ballot(
        poll,
        voter,
        inputs(valid_answers(poll, first=1, second=(1, 2), rating=3, text=None)),
    )
    assert changed.pk == ballot.pk
    assert changed.public_id == ballot.public_id
    results = poll_results(poll)
    assert results.ballots == 2
    assert [o.count for o in results.questions[0].options] == [1, 1]
    assert [o.count for o in results.questions[1].options] == [1, 1, 1]
    assert results.questions[2].average == 2.0
    assert results.questions[3].participants == 1
    read = {key: count for key, count in tallies.read(poll.pk).items() if count}
    assert read == tallies.recount(poll.pk)


def test_an_invalid_change_keeps_the_old_ballot(db, post_request):
    poll = make_poll(allow_ballot_change=True)
    voter = anonymous()
    cast_ballot(poll, voter, inputs(valid_answers(poll)))
    before = tallies.read(poll.pk)
    with pytest.raises(InvalidInput):
        change_ballot(poll, voter, inputs(valid_answers(poll, rating=99)))
    assert tallies.read(poll.pk) == before
    assert Ballot.objects.get().answers.count() == 4


def test_changing_is_refused_where_the_poll_does_not_allow_it(db, post_request):
    poll = make_poll(allow_ballot_change=False)
    voter = anonymous()
    cast_ballot(poll, voter, inputs(valid_answers(poll)))
    with pytest.raises(Forbidden) as refused:
        change_ballot(poll, voter, inputs(valid_answers(poll, first=1)))
    assert refused.value.code == "ballot_change_not_allowed"


def test_changing_without_a_ballot_says_so(db, post_request):
    poll = make_poll(allow_ballot_change=True)
    with pytest.raises(NotFound) as refused:
        change_ballot(poll, anonymous(), inputs(valid_answers(poll)))
    assert refused.value.code == "no_ballot"
