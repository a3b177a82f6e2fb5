"""Who may cast a ballot under each anonymous-ballot rule: role x rule x network state.

The three choices editors have: anonymous, one ballot per browser (the
network only meets the portal-wide per-address rate limit); anonymous,
limited per network (at most ``ballots_per_network`` anonymous ballots per
network and day); and signed in only (the *registered* audience).
"""

import pytest

from participation.participants import Participant, TokenState
from participation.refusals import Refusal
from polls.models import Ballot, VoterKind
from polls.services import cast_ballot
from tests.polls.factories import inputs, make_poll, valid_answers
from web.problems import problem_for

pytestmark = pytest.mark.usefixtures("frozen_now", "generous_limits")

NETWORK = "a1" * 16
CAP = 2
ROLES = ["anonymous", "unverified", "citizen", "editor"]
RULES = {
    "per_browser": {"audience": "public", "anonymous_ballots": "per_browser"},
    "per_network": {"audience": "public", "anonymous_ballots": "per_network"},
    "signed_in_only": {"audience": "registered"},
}
NETWORK_STATES = ["fresh", "full"]

# (rule, role, network state) -> the refusal's code; missing: the ballot is stored.
REFUSALS = {
    ("per_network", "anonymous", "full"): "network_ballot_limit",
    ("signed_in_only", "anonymous", "fresh"): "sign_in_required",
    ("signed_in_only", "anonymous", "full"): "sign_in_required",
    ("signed_in_only", "unverified", "fresh"): "email_not_verified",
    ("signed_in_only", "unverified", "full"): "email_not_verified",
}


@pytest.fixture
def participants(citizen, editor, unverified):
    def on_network(user=None, token=None):
        return Participant(
            user=user,
            anonymous_token=token,
            token_state=TokenState.VALID if token else TokenState.MISSING,
            ip_hash=NETWORK,
        )

    return {
        "anonymous": on_network(token="this-browser"),
        "unverified": on_network(unverified),
        "citizen": on_network(citizen),
        "editor": on_network(editor),
    }


def fill_network(poll, count):
    """``count`` anonymous ballots from other browsers on the same network, today."""
    for index in range(count):
        Ballot.objects.create(
            poll=poll,
            participant_key=f"other-browser-{index}",
            voter_kind=VoterKind.ANONYMOUS,
            network_hash=NETWORK,
        )


@pytest.mark.parametrize("network", NETWORK_STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", RULES)
def test_who_may_cast_a_ballot(participants, post_request, rule, role, network):
    poll = make_poll(ballots_per_network=CAP, **RULES[rule])
    fill_network(poll, CAP if network == "full" else 0)

    try:
        ballot = cast_ballot(poll, participants[role], inputs(valid_answers(poll)))
    except Refusal as problem:
        assert problem.code == REFUSALS.get((rule, role, network)), problem.detail
        if problem.code == "network_ballot_limit":
            assert problem_for(problem).status == 429
            assert int(problem_for(problem).headers["Retry-After"]) > 0
        assert not Ballot.objects.filter(poll=poll, participant_key=participants[role].key)
        return
    assert (rule, role, network) not in REFUSALS
    # Only anonymous ballots keep the network's (hashed) identity.
    assert ballot.network_hash == (NETWORK if role == "anonymous" else "")


def test_signed_in_ballots_do_not_use_up_the_network(participants, post_request):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    for role in ("citizen", "editor", "unverified"):
        cast_ballot(poll, participants[role], inputs(valid_answers(poll)))

    cast_ballot(poll, participants["anonymous"], inputs(valid_answers(poll)))

    assert Ballot.objects.filter(poll=poll).count() == 4


def test_refused_and_invalid_submissions_use_up_nothing(participants, post_request):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    for _attempt in range(3):
        with pytest.raises(Refusal) as refused:
            cast_ballot(poll, participants["anonymous"], inputs([]))
        assert refused.value.code == "invalid_answers"

    cast_ballot(poll, participants["anonymous"], inputs(valid_answers(poll)))


def test_a_browser_that_voted_hears_so_even_when_its_network_is_full(participants, post_request):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    voter = participants["anonymous"]
    cast_ballot(poll, voter, inputs(valid_answers(poll)))

    with pytest.raises(Refusal) as again:
        cast_ballot(poll, voter, inputs(valid_answers(poll)))

    assert again.value.code == "already_voted"


def test_another_network_and_another_poll_have_their_own_count(participants, post_request):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    other_poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    fill_network(poll, 1)
    elsewhere = Participant(
        user=None, anonymous_token="another-browser", token_state=TokenState.VALID, ip_hash="b2"
    )

    cast_ballot(poll, elsewhere, inputs(valid_answers(poll)))
    cast_ballot(
        other_poll,
        participants["anonymous"],
        inputs(valid_answers(other_poll)),
    )
