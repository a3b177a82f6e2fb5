"""Through which page a visitor meets a poll.

Citizens never meet a poll on its own: it is embedded in pages, and it
exists for a visitor only through a live page of their site that they may
see (``participation.page_access``). Staff-only polls are the exception: they are
an internal pre-vote, for staff wherever they are asked.
"""

from __future__ import annotations

from wagtail.models import Page

from participation.page_access import with_restriction_flag
from participation.participants import Participant
from polls.models import Poll, PollPlacement


def host_pages(poll: Poll) -> list[Page]:
    """The live pages showing the poll (plain pages: path and liveness are all the rule needs)."""
    pages = Page.objects.filter(
        live=True, pk__in=PollPlacement.objects.filter(poll_id=poll.pk).values("page_id")
    ).only("pk", "path", "live")
    return list(with_restriction_flag(pages).order_by("path"))


def visible_hosts(poll: Poll, participant: Participant) -> list[Page]:
    return participant.page_access.visible(host_pages(poll))


def shown_to(poll: Poll, participant: Participant, page: Page | None = None) -> bool:
    """Whether the participant reaches the poll through a page they may see.

    With ``page`` (a form posted from it), that page must show the poll
    and be visible to them; without, any page that shows it will do.
    """
    if page is None:
        return bool(visible_hosts(poll, participant))
    if not PollPlacement.objects.filter(poll_id=poll.pk, page_id=page.pk).exists():
        return False
    return participant.page_access.may_view(page)
