"""Links to a page's polls for its "how you can take part" box (``pages/project_page.html``).

``{% page_poll_links page as polls %}``: the polls of the body's poll blocks that show
something to this visitor (``rules.may_see_poll``, as ``services.view_poll``), each with the
id of its block's section, so that every link has its target. The body's stream loads the
polls once, for these links and for the blocks rendered after them.
"""

from django import template

from polls import rules
from polls.presentation import dom_id
from web.participants import participant_from_request

register = template.Library()


@register.simple_tag(takes_context=True)
def page_poll_links(context, page) -> list[dict]:
    request = context.get("request")
    if request is None:  # the poll blocks render nothing without a request either
        return []
    participant = participant_from_request(request)
    links = []
    for block in page.body:
        poll = block.value.get("poll") if block.block_type == "poll" else None
        if poll is not None and rules.may_see_poll(participant, poll):
            links.append({"id": dom_id(poll), "title": poll.title})
    return links
