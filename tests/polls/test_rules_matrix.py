"""Who may see, vote in and see results of a poll: role x poll state x audience x visibility."""

import datetime

import pytest

from participation.participants import TokenState
from polls import rules
from polls.models import Poll
from tests.polls.factories import NOW, anonymous, signed_in
from web.problems import problem_for

ROLES = ["anonymous", "anonymous_without_cookie", "unverified", "citizen", "editor"]
STATES = {
    "upcoming": (NOW + datetime.timedelta(days=1), NOW + datetime.timedelta(days=2)),
    "open": (NOW - datetime.timedelta(days=1), NOW + datetime.timedelta(days=1)),
    "closed": (NOW - datetime.timedelta(days=2), NOW - datetime.timedelta(days=1)),
}
AUDIENCES = ["public", "registered", "staff"]

# Who may vote in an open poll of each audience.
VOTERS = {
    "public": {"anonymous", "unverified", "citizen", "editor"},
    "registered": {"citizen", "editor"},
    "staff": {"editor"},
}


@pytest.fixture
def participants(citizen, editor, unverified):
    return {
        "anonymous": anonymous(),
        "anonymous_without_cookie": anonymous(token=None, state=TokenState.MISSING),
        "unverified": signed_in(unverified),
        "citizen": signed_in(citizen),
        "editor": signed_in(editor),
    }


def poll(audience, state, visibility="live", change=False):
    opens_at, closes_at = STATES[state]
    return Poll(
        title="t",
        opens_at=opens_at,
        closes_at=closes_at,
        audience=audience,
        results_visibility=visibility,
        allow_ballot_change=change,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_who_may_vote(participants, role, state, audience):
    refusal = rules.voting_refusal(participants[role], poll(audience, state), NOW)
    allowed = state == "open" and role in VOTERS[audience]
    assert (refusal is None) == allowed
    if refusal is None:
        return
    if audience == "staff" and role != "editor":
        assert refusal.code == "poll_not_found"  # staff polls do not exist for others
    elif state != "open":
        assert refusal.code == {"upcoming": "poll_not_open", "closed": "poll_closed"}[state]
    elif role == "anonymous_without_cookie" and audience == "public":
        assert (refusal.code, problem_for(refusal).status) == ("missing_participant_token", 400)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_staff_see_staff_polls(participants, role, audience):
    assert rules.may_see_poll(participants[role], poll(audience, "open")) == (
        audience != "staff" or role == "editor"
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("visibility", ["live", "after_close", "editors"])
def test_who_sees_results(participants, role, state, visibility):
    visible = rules.may_see_results(participants[role], poll("public", state, visibility), NOW)
    expected = {
        "live": True,
        "after_close": state == "closed",
        "editors": role == "editor",
    }[visibility]
    assert visible == expected


@pytest.mark.parametrize("state", STATES)
def test_staff_only_results_of_staff_polls_stay_hidden_from_citizens(participants, state):
    staff_poll = poll("staff", state, "live")
    assert not rules.may_see_results(participants["citizen"], staff_poll, NOW)
    assert rules.may_see_results(participants["editor"], staff_poll, NOW)


def test_registered_polls_explain_what_is_missing(participants):
    registered = poll("registered", "open")
    assert rules.voting_refusal(participants["anonymous"], registered, NOW).code == (
        "sign_in_required"
    )
    assert rules.voting_refusal(participants["unverified"], registered, NOW).code == (
        "email_not_verified"
    )


def test_a_forged_cookie_is_refused(participants):
    forged = anonymous(token=None, state=TokenState.FORGED)
    refusal = rules.voting_refusal(forged, poll("public", "open"), NOW)
    assert (refusal.code, problem_for(refusal).status) == ("invalid_participant_token", 403)


@pytest.mark.parametrize(
    ("change", "state", "allowed"),
    [
        (True, "open", True),
        (False, "open", False),
        (True, "closed", False),
    ],
)
def test_changing_a_ballot(participants, change, state, allowed):
    refusal = rules.change_refusal(
        participants["citizen"], poll("public", state, change=change), NOW
    )
    assert (refusal is None) == allowed
