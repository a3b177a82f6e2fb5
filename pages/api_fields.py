"""Serializer fields for ProjectPage's computed API fields.

Listings load what these fields need for a whole page of results at once
(``attach_listing_data``): comment counts in one query (via
``CommentQuerySet.count_for_pages``), the embedded polls in one more. A
detail view computes them for its one page.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from rest_framework.fields import Field
from wagtail.api.rich_text import APIRichText

from comments.models import Comment
from pages.api import image_representation
from polls import rules
from polls.services import polls_visible_to
from web.participants import participant_from_request


def request_of(field: Field):
    return field.context.get("request")


def phase_out(phase, today) -> dict:
    return {
        "title": phase.title,
        "description": phase.description,
        "start_date": phase.start_date.isoformat(),
        "end_date": phase.end_date.isoformat(),
        "allows_participation": phase.allows_participation,
        "is_current": phase.start_date <= today <= phase.end_date,
    }


class HeroImageField(Field):
    """The hero image as renditions with its alt text (the page's or the library's)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return image_representation(page.hero_image, page.hero_alt_text, request_of(self))


class StatusField(Field):
    """The derived status: upcoming, open, evaluation or finished, with its German label."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        status = page.status
        return {"value": status.value, "label": str(status.label)}


class PhasesField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        today = timezone.localdate()
        return [phase_out(phase, today) for phase in page.ordered_phases]


class CurrentPhaseField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        phase = page.current_phase
        return phase_out(phase, timezone.localdate()) if phase else None


def reference_out(item) -> dict | None:
    """A department, topic or district: its id and slug both work as filter values."""
    if item is None:
        return None
    data = {"id": item.pk, "name": item.name, "slug": item.slug}
    if hasattr(item, "short_name"):
        data["short_name"] = item.short_name
    return data


class ReferenceField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, item):
        return reference_out(item)


class ReferenceListField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [reference_out(item) for item in manager.all()]


class ContactField(Field):
    """Name and role of the contact person; e-mail addresses never leave through the API."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, contact):
        if contact is None:
            return None
        return {"name": contact.name, "role": contact.role, "phone": contact.phone}


def comment_count():
    """Published comments in a page's own thread, as a subquery (``count_for_pages`` in SQL)."""
    counts = (
        Comment.objects.published()
        .filter(page_id=OuterRef("pk"), subject_type__isnull=True)
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


class CommentCountField(Field):
    """Published comments on the page, replies included."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        count = getattr(page, "api_comment_count", None)
        if count is None:
            count = Comment.objects.count_for_pages([page.pk])[page.pk]
        return count


def poll_ids_in(page) -> list[int]:
    """The polls embedded in the body, from the stored data (no query)."""
    ids = []
    for item in page.body.raw_data if page.body else []:
        if item.get("type") == "poll" and (item.get("value") or {}).get("poll"):
            ids.append(item["value"]["poll"])
    return ids


def stream_polls(stream_value) -> list:
    """The polls of a stream's poll blocks, as the stream loaded them (one query for all)."""
    return [
        block.value["poll"]
        for block in stream_value or []
        if block.block_type == "poll" and block.value.get("poll") is not None
    ]


def poll_summary(poll, now) -> dict:
    return {
        "id": poll.pk,
        "title": poll.title,
        "state": poll.state_at(now),
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "api_url": f"/api/v1/polls/{poll.pk}",
    }


class PollSummariesField(Field):
    """The polls on the page the visitor may see: id, title, state, where to vote."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        polls = getattr(page, "api_polls", None)
        if polls is None:
            participant = participant_from_request(request_of(self))
            # A detail view: the body's poll blocks have loaded the polls already.
            polls = {
                poll.pk: poll
                for poll in stream_polls(page.body)
                if rules.may_see_poll(participant, poll)
            }
        now = timezone.now()
        return [
            poll_summary(polls[pk], now) for pk in dict.fromkeys(poll_ids_in(page)) if pk in polls
        ]


def rich_text_format_of(field: Field) -> str:
    """The format the request asked for (``?rich_text_format=``), as Wagtail's fields use it."""
    chosen = field.context.get("_wagtail_rich_text_format")
    if chosen is None:
        request = request_of(field)
        chosen = APIRichText.resolve_format(
            request.GET.get("rich_text_format") if request else None
        )
    return chosen


class NewsField(Field):
    """The news posts whose date has come, newest first, with the anchor on the page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        rich_text_format = rich_text_format_of(self)
        request = request_of(self)
        page_url = page.get_full_url(request) or ""
        return [
            {
                "key": str(post.key),
                "title": post.title,
                "date": post.date.isoformat(),
                "body": APIRichText.serialize(
                    post.body,
                    format=rich_text_format,
                    features=post._meta.get_field("body").features,
                ),
                "url": f"{page_url}#{post.anchor}",
            }
            for post in page.public_news
        ]


def attach_listing_data(pages, request) -> None:
    """Loads comment counts and visible polls for a page of ProjectPages at once."""
    if not pages:
        return
    counts = Comment.objects.count_for_pages(pages)
    all_poll_ids = {pk for page in pages for pk in poll_ids_in(page)}
    polls = polls_visible_to(participant_from_request(request), all_poll_ids)
    for page in pages:
        page.api_comment_count = counts[page.pk]
        page.api_polls = polls
