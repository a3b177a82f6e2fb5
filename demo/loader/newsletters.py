"""A sent newsletter in the public archive (demo/data/newsletters.yaml)."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsletters.models import Audience, Newsletter, NewsletterStatus
from pages.models import ProjectPage

from .data import read

NEWSLETTERS = read("newsletters")


def block(item: dict) -> dict:
    kind, value = next(iter(item.items()))
    if kind == "project":
        return {"type": "project", "value": {"project": ProjectPage.objects.get(slug=value).pk}}
    if kind == "dates":
        return {"type": "dates", "value": {**value, "entries": []}}
    return {"type": "text", "value": value}


def load_demo_newsletters(today: date) -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    for data in NEWSLETTERS["newsletters"]:
        sent_on = today - timedelta(days=data["days_ago"])
        sent_at = timezone.make_aware(datetime.combine(sent_on, time(9, 0)))
        Newsletter.objects.update_or_create(
            subject=data["subject"],
            defaults={
                "intro": data["intro"],
                "body": [block(item) for item in data["body"]],
                "audience": Audience.SUBSCRIBERS,
                "status": NewsletterStatus.SENT,
                "sent_at": sent_at,
                "created_by": users.get(data["created_by"]),
            },
        )
