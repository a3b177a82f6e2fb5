"""The per-network cap holds when many browsers of one network vote at the same moment."""

import pytest

from participation.participants import Participant, TokenState
from participation.refusals import Refusal
from polls import tallies
from polls.models import Ballot
from polls.services import cast_ballot
from tests.concurrency import run_together
from tests.polls.factories import inputs, make_poll, valid_answers

pytestmark = [
    pytest.mark.django_db(transaction=True, available_apps=["polls"]),
    pytest.mark.usefixtures("frozen_now", "generous_limits"),
]

CAP = 3


def browser(index, network):
    return Participant(
        user=None,
        anonymous_token=f"browser-{index}",
        token_state=TokenState.VALID,
        ip_hash=network,
    )


def test_twenty_browsers_of_one_network_at_once_store_exactly_the_cap():
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=CAP)
    answers = valid_answers(poll)

    def vote(index):
        # Even threads share one network, odd ones come from networks of their own.
        network = "shared-network" if index % 2 == 0 else f"own-network-{index}"
        return cast_ballot(poll, browser(index, network), inputs(answers))

    outcomes = run_together(40, vote)

    shared = outcomes[0::2]
    stored = [outcome for outcome in shared if isinstance(outcome, Ballot)]
    refused = [outcome for outcome in shared if isinstance(outcome, Refusal)]
    assert len(stored) == CAP
    assert len(refused) == 20 - CAP
    assert {problem.code for problem in refused} == {"network_ballot_limit"}
    assert all(isinstance(outcome, Ballot) for outcome in outcomes[1::2])
    assert Ballot.objects.filter(poll=poll, network_hash="shared-network").count() == CAP
    assert Ballot.objects.filter(poll=poll).count() == CAP + 20
    assert tallies.read(poll.pk) == tallies.recount(poll.pk)
