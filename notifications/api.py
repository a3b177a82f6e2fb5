"""Follows and the notification centre in the participation API.

``/api/v1/follows/``: my follows, follow (201), unfollow (204).
``/api/v1/notifications/``: my notifications with the unread count (paged),
mark one or all read, and my settings (which events, how often by e-mail).
Signed-in sessions only (CSRF checked on writes); the endpoints call the same
services as the HTML pages, so the rules and the visibility are the same.
Answers are personal: ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import ConfigDict

from notifications import centre, follows, preferences, wording
from notifications.models import EventKind, Frequency
from notifications.targets import resolve
from participation.refusals import NotFound
from web.auth import signed_in_session
from web.page_access import page_access_from_request
from web.participants import participant_from_request
from web.schemas import ProblemOut

follows_router = Router(tags=["follows"], auth=signed_in_session)
notifications_router = Router(tags=["notifications"], auth=signed_in_session)

ERRORS = {400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut}
MAX_ID = 2**63 - 1


def private(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"


class FollowIn(Schema):
    model_config = ConfigDict(extra="forbid")

    target: str = Field(description="project, department, topic, district or newsletter")
    target_id: int = Field(ge=0, le=MAX_ID, description="The target's id (0 for the newsletter)")


class FollowOut(Schema):
    target: str
    target_id: int
    label: str | None = Field(description="The target's name; null if you may no longer see it")
    url: str | None
    created_at: datetime


def follow_out(entry: follows.FollowView) -> dict:
    target = entry.target
    return {
        "target": entry.follow.target,
        "target_id": entry.follow.target_id,
        "label": target.label if target else None,
        "url": target.url if target else None,
        "created_at": entry.follow.created_at,
    }


@follows_router.get("/", response={200: list[FollowOut], 401: ProblemOut})
def my_follows(request, response: HttpResponse):
    """What I follow, newest first."""
    private(response)
    access = page_access_from_request(request)
    return [follow_out(entry) for entry in follows.follows_of(request.user, access)]


@follows_router.post("/", response={200: FollowOut, 201: FollowOut, **ERRORS})
def follow(request, payload: FollowIn):
    """Follow a target: 201 when new, 200 when I already followed it."""
    participant = participant_from_request(request)
    found, created = follows.follow(participant, payload.target, payload.target_id)
    target = resolve(participant.page_access, found.target, found.target_id)
    return Status(201 if created else 200, follow_out(follows.FollowView(found, target)))


@follows_router.delete("/{target}/{target_id}", response={204: None, **ERRORS})
def unfollow(request, target: str, target_id: int = Path(..., ge=0, le=MAX_ID)):
    """Stop following (204 also when I did not follow it)."""
    follows.unfollow(participant_from_request(request), target, target_id)
    return Status(204, None)


class EventOut(Schema):
    kind: EventKind
    subject: str = Field(description="What happened, in the request's language")
    lead: str = Field(description="One sentence on it, in the request's language")
    title: str
    summary: str
    url: str
    occurred_at: datetime


class NotificationOut(Schema):
    id: int
    read: bool
    read_at: datetime | None
    event: EventOut


class NotificationsOut(Schema):
    unread: int = Field(description="My unread notifications (only what I may still see)")
    count: int
    page: int
    pages: int
    items: list[NotificationOut]


class SettingsBody(Schema):
    model_config = ConfigDict(extra="forbid")

    muted_events: list[EventKind] = Field(description="The events I do NOT want to hear about")
    frequency: Frequency


@notifications_router.get("/", response={200: NotificationsOut, 400: ProblemOut, 401: ProblemOut})
def my_notifications(request, response: HttpResponse, page: int = Query(1, ge=1, le=100_000)):
    """My notifications, newest first, 20 a page, with the unread count."""
    private(response)
    access = page_access_from_request(request)
    paginator = Paginator(centre.visible_notifications(access), centre.PAGE_SIZE)
    current = paginator.get_page(page)
    items = [
        {
            "id": n.pk,
            "read": n.read_at is not None,
            "read_at": n.read_at,
            "event": {
                "kind": n.event.kind,
                "subject": wording.subject(n.event),
                "lead": wording.lead(n.event),
                "title": n.event.title,
                "summary": n.event.summary,
                "url": n.event.url,
                "occurred_at": n.event.occurred_at,
            },
        }
        for n in current.object_list
    ]
    return {
        "unread": centre.unread_count(access),
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": items,
    }


@notifications_router.post("/read", response={204: None, 401: ProblemOut, 403: ProblemOut})
def mark_all_read(request):
    """Mark all my notifications read."""
    centre.mark_all_read(page_access_from_request(request))
    return Status(204, None)


@notifications_router.post("/{notification_id}/read", response={204: None, **ERRORS})
def mark_read(request, notification_id: int = Path(..., ge=1, le=MAX_ID)):
    """Mark one of my notifications read."""
    if not centre.mark_read(page_access_from_request(request), notification_id):
        raise NotFound(_("There is no such notification."), code="notification_not_found")
    return Status(204, None)


@notifications_router.get("/settings", response={200: SettingsBody, 401: ProblemOut})
def my_settings(request, response: HttpResponse):
    """Which events I hear about, and how often by e-mail."""
    private(response)
    current = preferences.settings_of(request.user)
    return {"muted_events": current.muted_events, "frequency": current.frequency}


@notifications_router.put("/settings", response={200: SettingsBody, **ERRORS})
def change_settings(request, response: HttpResponse, payload: SettingsBody):
    """Replace my settings."""
    private(response)
    saved = preferences.save_settings(
        request.user,
        muted_events=[kind.value for kind in payload.muted_events],
        frequency=payload.frequency.value,
    )
    return {"muted_events": saved.muted_events, "frequency": saved.frequency}
