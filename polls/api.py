"""The polls API under /api/v1/polls/: read a poll, cast or change a ballot.

The endpoints call the same services as the HTML form, so the rules and
limits are the same. Errors are problem+json (web.problems).
"""

from functools import wraps

from ninja import Router, Status
from ninja.decorators import decorate_view

from participation.refusals import Refusal
from polls import rules
from polls.schemas import BallotIn, BallotOut, PollOut, ballot_out, poll_out
from polls.services import cast_ballot, change_ballot, get_poll, refuse, view_poll
from web.auth import session_or_anonymous
from web.participants import issue_anonymous_token, participant_from_request
from web.problems import problem_response
from web.requests import content_length
from web.schemas import problem_responses

router = Router(tags=["polls"])

READ_ERRORS = problem_responses(404)
WRITE_ERRORS = problem_responses(400, 401, 403, 404, 409, 413, 415, 429)


def refuse_large_bodies(run):
    """Answers 413 before the body is parsed and validated, not after."""

    @wraps(run)
    def checked(request, *args, **kwargs):
        try:
            refuse(rules.ballot_size_refusal(content_length(request)))
        except Refusal as refusal:
            return problem_response(request, refusal)
        return run(request, *args, **kwargs)

    return checked


@router.get("/{poll_id}", response={200: PollOut, **READ_ERRORS}, auth=None)
def read_poll(request, poll_id: int):
    """The poll, its state, the visitor's own ballot and, when visible, its results.

    An anonymous visitor of an open public poll gets the signed voting
    cookie with this response; the ballot must then be sent with it.
    """
    view = view_poll(get_poll(poll_id), participant_from_request(request))
    if view.needs_anonymous_token:
        issue_anonymous_token(request)
    return poll_out(view)


@router.post(
    "/{poll_id}/ballot",
    response={201: BallotOut, **WRITE_ERRORS},
    auth=session_or_anonymous,
)
@decorate_view(refuse_large_bodies)
def submit_ballot(request, poll_id: int, payload: BallotIn):
    """Casts the visitor's one ballot (needs the CSRF token; anonymous voters need the cookie)."""
    poll = get_poll(poll_id)
    ballot = cast_ballot(poll, participant_from_request(request), payload.to_inputs())
    return Status(201, ballot_out(ballot))


@router.put(
    "/{poll_id}/ballot",
    response={200: BallotOut, **WRITE_ERRORS},
    auth=session_or_anonymous,
)
@decorate_view(refuse_large_bodies)
def replace_ballot(request, poll_id: int, payload: BallotIn):
    """Replaces the visitor's answers, where the poll allows changing a ballot."""
    poll = get_poll(poll_id)
    ballot = change_ballot(poll, participant_from_request(request), payload.to_inputs())
    return Status(200, ballot_out(ballot))
