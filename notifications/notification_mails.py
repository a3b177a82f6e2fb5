"""The renderers of notification mails and digests (``notifications.renderers``).

They run when a row is sent, inside ``translation.override`` with the
row's language, and look at visibility again then: a project that became
restricted or was unpublished since the fan-out is not mentioned
(``Withheld``: the row is marked failed with that reason, never sent).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from notifications import reasons, sources, wording
from notifications.mails import absolute, build_mail
from notifications.memo import VISIBILITY_SECONDS, remembered
from notifications.models import DeliveryKind, Event, EventKind, Notification, Subscriber
from notifications.renderers import Withheld, register
from notifications.tokens import unsubscribe_token

DIGEST_CAP = 100

REASONED_KINDS = (
    EventKind.COMMENT_REMOVED,
    EventKind.PROPOSAL_REJECTED,
    EventKind.PROPOSAL_REMOVED,
)


def unsubscribe_url(token: str) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[token]))


def centre_url() -> str:
    return absolute(reverse("notifications:centre"))


def visible_to(event: Event, user) -> bool:
    """The event's own rule: personal ones while the recipient may see the page, others public."""
    if user is not None and event.recipient_id == user.pk:
        return sources.may_see(user, event.page)
    return remembered(
        ("public", event.page_id),
        VISIBILITY_SECONDS,
        lambda: sources.public_project_of(event.page) is not None,
    )


def item(event: Event) -> dict:
    return {
        "lead": wording.lead(event),
        "title": event.title,
        "summary": event.summary,
        "url": absolute(event.url) if event.url else "",
        # The summary is the moderation's reason: introduced as such.
        "removal": event.kind in REASONED_KINDS,
    }


@register(DeliveryKind.NOTIFICATION)
def render_notification(row):
    reference = row.reference
    event = Event.objects.select_related("page").filter(pk=reference.get("event")).first()
    user = get_user_model().objects.filter(pk=reference.get("user") or 0).first()
    subscriber = Subscriber.objects.filter(pk=reference.get("subscriber") or 0).first()
    if event is None or (user is None and subscriber is None):
        return None  # the event or the recipient is gone: nothing to tell any more
    if not visible_to(event, user):
        raise Withheld(_("The page is no longer visible to the recipient."))
    if user is not None:
        reason = reasons.reason_for(event, user_id=user.pk)
        token = unsubscribe_token(user_id=user.pk)
    else:
        reason = reasons.reason_for(event, subscriber_id=subscriber.pk)
        token = unsubscribe_token(
            subscriber_id=subscriber.pk, target=reason.target, target_id=reason.target_id
        )
    return build_mail(
        "notifications/mail/notification",
        {"item": item(event), "reason": reason.text, "for_account": user is not None},
        subject=wording.subject(event),
        unsubscribe_url=unsubscribe_url(token),
    )


def digest_notifications(user_id: int, since, until):
    found = Notification.objects.filter(
        user_id=user_id, read_at__isnull=True, created_at__lte=until
    ).select_related("event__page")
    if since is not None:
        found = found.filter(created_at__gt=since)
    return found.order_by("event__page__title", "event__page_id", "event__kind", "created_at")


def grouped(events: list[Event]) -> list[dict]:
    """Project by project, then kind by kind, in the order given."""
    projects: dict[int | None, dict] = {}
    for event in events:
        title = event.page.title if event.page_id else ""
        group = projects.setdefault(event.page_id, {"title": title, "kinds": defaultdict(list)})
        group["kinds"][event.get_kind_display()].append(item(event))
    return [
        {
            "title": group["title"],
            "kinds": [(kind, items) for kind, items in group["kinds"].items()],
        }
        for group in projects.values()
    ]


def digest_context(user, since, until) -> dict | None:
    events, total = [], 0
    public: dict[int | None, bool] = {}
    for notification in digest_notifications(user.pk, since, until).iterator():
        event = notification.event
        if event.recipient_id == user.pk:
            visible = sources.may_see(user, event.page)
        else:
            if event.page_id not in public:
                public[event.page_id] = sources.public_project_of(event.page) is not None
            visible = public[event.page_id]
        if not visible:
            continue
        total += 1
        if len(events) < DIGEST_CAP:
            events.append(event)
    if not events:
        return None
    return {"groups": grouped(events), "total": total, "more": total - len(events)}


@register(DeliveryKind.DIGEST)
def render_digest(row):
    reference = row.reference
    user = get_user_model().objects.filter(pk=reference.get("user") or 0).first()
    if user is None:
        return None
    since = parse_datetime(reference["since"]) if reference.get("since") else None
    context = digest_context(user, since, parse_datetime(reference["until"]))
    if context is None:
        raise Withheld(_("Nothing in this digest is visible any more."))
    weekly = reference.get("frequency") == "weekly"
    context.update(
        centre_url=centre_url(),
        reason=_("You receive this e-mail because you chose a weekly summary.")
        if weekly
        else _("You receive this e-mail because you chose a daily summary."),
    )
    subject = _("Your weekly summary") if weekly else _("Your daily summary")
    return build_mail(
        "notifications/mail/digest",
        context,
        subject=subject,
        unsubscribe_url=unsubscribe_url(unsubscribe_token(user_id=user.pk)),
    )
