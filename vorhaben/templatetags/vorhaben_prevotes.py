"""The open internal pre-votes on the Vorhabenliste, for the staff they are meant for.

A pre-vote is a staff-only poll (``vorhaben.services.start_prevote``); staff
vote on it where they see the Vorhabenliste, signed in. Everyone else sees
nothing here: the poll block shows a staff poll to its staff only
(``polls.rules.may_see_poll``), and so does this tag.
"""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from polls.blocks import PollBlock
from polls.models import Audience, Poll, PollState
from polls.services import polls_visible_to
from vorhaben.models import Vorhaben
from web.participants import participant_from_request

register = template.Library()


def open_prevotes_for(participant) -> list[Poll]:
    if not participant.is_staff:
        return []
    ids = Vorhaben.objects.exclude(prevote_poll=None).values_list("prevote_poll", flat=True)
    visible = polls_visible_to(participant, set(ids))
    now = timezone.now()
    return sorted(
        (
            poll
            for poll in visible.values()
            if poll.audience == Audience.STAFF and poll.state_at(now) == PollState.OPEN
        ),
        key=lambda poll: poll.opens_at,
    )


@register.simple_tag(takes_context=True)
def open_prevotes(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    block = PollBlock()
    rendered = [
        block.render(block.to_python({"poll": poll.pk}), context=context.flatten())
        for poll in open_prevotes_for(participant_from_request(request))
    ]
    return mark_safe("".join(rendered))  # noqa: S308 - the poll block's own escaped template
