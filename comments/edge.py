"""What the discussion's endpoints (HTML forms and API) take from a request."""

from comments import rules
from participation.participants import Participant
from web.participants import participant_from_request, with_anonymous_token


def writing_participant(request, page) -> Participant:
    """The participant of ``request``; an anonymous browser that may write here gets its token."""
    participant = participant_from_request(request)
    if rules.needs_anonymous_key(participant, page):
        participant = with_anonymous_token(request, participant)
    return participant
