"""Casting a ballot stores the ballot, its answers and its counts together, exactly once."""

import pytest

from participation.refusals import Conflict
from polls import tallies
from polls.models import Answer, Ballot, PollTally
from polls.services import cast_ballot, poll_results
from tests.polls.factories import anonymous, inputs, make_poll, questions, signed_in, valid_answers

pytestmark = pytest.mark.usefixtures("frozen_now")


def test_a_ballot_stores_answers_and_tallies(db, post_request):
    poll = make_poll()
    ballot = cast_ballot(poll, anonymous(), inputs(valid_answers(poll)))
    assert ballot.voter_kind == "anonymous"
    assert ballot.user is None
    assert Answer.objects.filter(ballot=ballot).count() == 4
    assert tallies.read(poll.pk) == tallies.recount(poll.pk)
    assert tallies.read(poll.pk)[PollTally.BALLOTS] == 1


def test_the_participant_key_is_a_pseudonym(citizen, post_request):
    poll = make_poll()
    ballot = cast_ballot(poll, signed_in(citizen), inputs(valid_answers(poll)))
    assert ballot.user == citizen
    assert ballot.voter_kind == "registered"
    assert ballot.participant_key == signed_in(citizen).key
    assert citizen.email not in ballot.participant_key
    assert citizen.username not in ballot.participant_key


def test_a_second_ballot_is_refused_and_nothing_changes(db, post_request):
    poll = make_poll()
    voter = anonymous()
    cast_ballot(poll, voter, inputs(valid_answers(poll)))
    before = tallies.read(poll.pk)
    with pytest.raises(Conflict) as refused:
        cast_ballot(poll, voter, inputs(valid_answers(poll, first=1)))
    assert refused.value.code == "already_voted"
    assert "bereits abgestimmt" in refused.value.detail
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert tallies.read(poll.pk) == before


def test_results_are_exact_counts_percentages_and_averages(db, post_request, generous_limits):
    poll = make_poll()
    votes = [
        (0, (0,), 5, "A"),
        (0, (0, 1), 4, None),
        (1, (2,), 1, "B"),
        (0, (1, 2), 5, None),
    ]
    for number, (first, second, rating, text) in enumerate(votes):
        answers = valid_answers(poll, first=first, second=second, rating=rating, text=text)
        cast_ballot(poll, anonymous(f"token-{number}"), inputs(answers))
    results = poll_results(poll)
    single, multiple, scale, free = results.questions
    assert results.ballots == 4
    assert [(o.label, o.count, o.percent) for o in single.options] == [
        ("Ja", 3, 75.0),
        ("Nein", 1, 25.0),
    ]
    assert [o.count for o in multiple.options] == [2, 2, 2]
    assert multiple.participants == 4
    assert scale.average == 3.75
    assert [o.count for o in scale.options] == [1, 0, 0, 1, 2]
    assert scale.options[0].label == "1 (schlecht)"
    assert free.participants == 2
    assert free.text_count == 2
    assert free.texts == []  # editors did not publish free text


def test_published_free_text_appears_with_results(db, post_request):
    poll = make_poll(publish_free_text=True)
    cast_ballot(poll, anonymous(), inputs(valid_answers(poll, text="Mehr Bänke")))
    assert poll_results(poll).questions[3].texts == ["Mehr Bänke"]


def test_reading_results_takes_the_same_queries_for_10_and_300_ballots(
    db, post_request, generous_limits, django_assert_num_queries
):
    small, large = make_poll(), make_poll()
    for poll, count in ((small, 10), (large, 300)):
        for number in range(count):
            answers = valid_answers(poll, first=number % 2, rating=1 + number % 5)
            cast_ballot(poll, anonymous(f"t{number}"), inputs(answers))
    for poll in (small, large):
        loaded = questions(poll)
        with django_assert_num_queries(1):
            results = poll_results(poll, list(loaded))
    assert results.ballots == 300
    assert tallies.read(large.pk) == tallies.recount(large.pk)


def test_a_question_skipped_by_the_voter_is_not_counted_as_answered(db, post_request):
    poll = make_poll()
    cast_ballot(poll, anonymous(), inputs(valid_answers(poll, text=None)))
    assert poll_results(poll).questions[3].participants == 0
    assert poll_results(poll).questions[0].participants == 1
