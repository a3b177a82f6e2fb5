"""A demo citizen's follows and notification centre (demo/data/notifications.yaml)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from notifications.models import Event, Follow, Notification
from pages.models import ProjectPage

from .data import read

DATA = read("notifications")


def demo_events() -> list[tuple[Event, bool]]:
    """The demo's events (made once, matched by key) with whether each is read."""
    now = timezone.now()
    events = []
    for number, item in enumerate(DATA["notifications"]):
        page = ProjectPage.objects.filter(slug=item["project"]).first()
        if page is None:
            continue
        event, _created = Event.objects.update_or_create(
            key=f"demo:{item['project']}:{number}",
            defaults={
                "kind": item["kind"],
                "page": page,
                "title": item["title"],
                "summary": item["summary"],
                "url": page.url or "",
                "occurred_at": now - timedelta(days=item["days_ago"]),
                "fanned_out_at": now,
            },
        )
        events.append((event, item["read"]))
    return events


def give_demo_notifications(user) -> None:
    """``user`` follows the demo's projects and has their notifications."""
    for follow in DATA["follows"]:
        page = ProjectPage.objects.filter(slug=follow["slug"]).first()
        if page is not None:
            Follow.objects.get_or_create(user=user, target=follow["target"], target_id=page.pk)
    for event, was_read in demo_events():
        Notification.objects.update_or_create(
            event=event, user=user, defaults={"read_at": event.occurred_at if was_read else None}
        )


def load_demo_notifications() -> None:
    user = get_user_model().objects.filter(email__iexact=DATA["follower"]).first()
    if user is not None:
        give_demo_notifications(user)
