"""Typed request and response bodies of the proposals API.

Never part of a response: who wrote a proposal or supports it (the public
page names no one either), e-mail addresses, user ids, the person who
wrote an official answer (answers name the unit), and pending proposals of
others. The place is a GeoJSON point (longitude, latitude: GeoJSON's
order); images come with the detail only (the list stays one query per
page); the discussion is the comments API's subject thread
(``discussion_url``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from proposals.models import LocationMode, Moderation, ModerationMode, ProposalState

# Generous bounds for the parser; the exact limits (and their German
# messages) come from the services.
MAX_TEXT_INPUT = 100_000
MAX_SLUG = 80
SEED_PATTERN = r"^[0-9a-f]{16}$"
# A category's or district's slug: letters, digits, hyphens and underscores.
SLUG_PATTERN = r"^[\w-]+$"

StateValue = Literal[tuple(ProposalState.values)]  # type: ignore[valid-type]
# The API's names for the listing's orders (proposals.listing.Sort).
SortValue = Literal["random", "newest", "most_supported", "most_discussed"]


class ProposalReferenceOut(Schema):
    id: int
    slug: str
    name: str


class ProposalProjectOut(Schema):
    id: int
    title: str
    url: str


class IdeaCollectionOut(Schema):
    id: int
    title: str
    intro: str
    project: ProposalProjectOut
    submissions_start: date
    submissions_end: date = Field(description="Inclusive")
    supports_until: date = Field(description="Inclusive")
    open_for_proposals: bool
    open_for_supports: bool
    support_threshold: int = Field(description="Supports at which a proposal is marked reached")
    moderation: Literal[tuple(ModerationMode.values)]  # type: ignore[valid-type]
    location_mode: Literal[tuple(LocationMode.values)]  # type: ignore[valid-type]
    images_allowed: bool = Field(description="Images are added through the portal's form")
    comments_enabled: bool = Field(description="Each proposal has a discussion")
    geojson_url: str = Field(description="The located proposals as GeoJSON (?bbox=w,s,e,n)")
    categories: list[ProposalReferenceOut] = Field(
        description="The categories to choose from (by slug); empty: proposals have none"
    )
    districts: list[ProposalReferenceOut] = Field(
        description="The districts to choose from (by slug)"
    )
    can_submit: bool
    submit_refusal: str | None = Field(description="Why the visitor cannot submit, if they cannot")
    submit_refusal_code: str | None


class IdeaCollectionListOut(Schema):
    collections: list[IdeaCollectionOut]


class IdeaCollectionQuery(Schema):
    model_config = ConfigDict(extra="forbid")

    project: int | None = Field(default=None, description="Only the collections of this project")


class ProposalPointOut(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude] in degrees (WGS 84)")


class ProposalImageOut(Schema):
    url: str = Field(description="Served with the proposal's visibility; metadata stripped")
    alt_text: str
    width: int
    height: int


class ProposalSummaryOut(Schema):
    id: int
    collection_id: int
    title: str
    description: str = Field(description="Plain text as typed; render it as text, never as HTML")
    category: ProposalReferenceOut | None
    district: ProposalReferenceOut | None
    state: StateValue
    state_label: str
    moderation: Literal[tuple(Moderation.values)] = Field(  # type: ignore[valid-type]
        description="pending only for the author's own proposals awaiting moderation"
    )
    withdrawn: bool
    withdrawn_at: datetime | None
    support_count: int
    reached: bool = Field(description="support_count has reached the collection's threshold")
    comment_count: int = Field(description="Published comments in its discussion")
    location: ProposalPointOut | None = Field(description="A GeoJSON point, if it has a place")
    address: str = Field(description="The place as the author described it; may be empty")
    created_at: datetime
    url: str = Field(description="The proposal's page on the portal")


class ProposalAnswerOut(Schema):
    state: StateValue
    state_label: str
    text: str
    office: str = Field(description="The answering unit, as it was called then; never a person")
    created_at: datetime


class ProposalOut(ProposalSummaryOut):
    description_html: str = Field(description="Safe HTML: paragraphs, line breaks, links")
    updated_at: datetime
    answer: ProposalAnswerOut | None = Field(description="The latest official answer")
    answers: list[ProposalAnswerOut] = Field(description="Every official answer, the latest first")
    images: list[ProposalImageOut]
    attachment_url: str | None = Field(description="The PDF attachment, if there is one")
    discussion_url: str = Field(description="Its discussion in the comments API")
    is_mine: bool
    supported_by_me: bool
    can_edit: bool
    can_withdraw: bool
    can_support: bool
    can_unsupport: bool
    support_refusal: str | None = Field(
        description="Why the visitor cannot support it, if they do not and cannot"
    )
    support_refusal_code: str | None


class ProposalListOut(Schema):
    collection_id: int
    sort: SortValue
    seed: str | None = Field(
        description="random: the seed of this order; send it with next_cursor for the next page"
    )
    proposals: list[ProposalSummaryOut]
    next_cursor: str | None


class ProposalListQuery(Schema):
    model_config = ConfigDict(extra="forbid")

    sort: SortValue = "random"
    category: str | None = Field(
        default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN, description="A slug"
    )
    state: StateValue | None = None
    district: str | None = Field(
        default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN, description="A slug"
    )
    cursor: str | None = Field(default=None, max_length=200, description="next_cursor")
    seed: str | None = Field(
        default=None,
        pattern=SEED_PATTERN,
        description="random: a fresh order without it; the same order (and its pages) with it",
    )


class ProposalIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=MAX_TEXT_INPUT)
    description: str = Field(max_length=MAX_TEXT_INPUT)
    category: str | None = Field(
        default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN, description="A slug"
    )
    district: str | None = Field(
        default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN, description="A slug"
    )
    latitude: float | None = Field(default=None, ge=-90, le=90, description="Degrees (WGS 84)")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="Degrees (WGS 84)")
    address: str | None = Field(default=None, max_length=MAX_TEXT_INPUT)


class ProposalEditIn(Schema):
    """Only the fields sent change; ``null`` clears a category or district."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=MAX_TEXT_INPUT)
    description: str | None = Field(default=None, max_length=MAX_TEXT_INPUT)
    category: str | None = Field(default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN)
    district: str | None = Field(default=None, max_length=MAX_SLUG, pattern=SLUG_PATTERN)
    latitude: float | None = Field(default=None, ge=-90, le=90, description="Degrees (WGS 84)")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="Degrees (WGS 84)")
    address: str | None = Field(default=None, max_length=MAX_TEXT_INPUT)


class ProposalSupportOut(Schema):
    proposal_id: int
    support_count: int
    supported_by_me: bool
    reached: bool
