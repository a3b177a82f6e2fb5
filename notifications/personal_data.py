"""The notifications' part of "Meine Daten" (accounts.data_export finds this module).

What one follows (with the target's name while one may still see it), one's
notification settings, and the notifications one received (what happened,
when, whether read). The outbox's rows are not listed: they hold the
address and the state of mails about these same notifications.
"""

from django.utils.translation import gettext_lazy as _

from notifications.follows import follows_of
from notifications.models import Notification
from notifications.preferences import settings_of
from notifications.wording import subject
from participation.page_access import PageAccess


def personal_data(user):
    yield {
        "key": "follows",
        "title": _("What I follow"),
        "description": _("Projects, units, topics and districts you follow."),
        "fields": {"kind": _("kind"), "name": _("Name"), "since": _("since")},
        "items": [
            {
                "kind": str(view.follow.get_target_display()),
                "name": view.target.label if view.target else None,
                "since": view.follow.created_at,
            }
            for view in follows_of(user, PageAccess(user=user))
        ],
    }
    preferences = settings_of(user)
    yield {
        "key": "notification_settings",
        "title": _("Notification settings"),
        "description": _("Which events you want to hear about, and how."),
        "fields": {"frequency": _("e-mail"), "muted_events": _("muted events")},
        "items": [
            {
                "frequency": str(preferences.get_frequency_display()),
                "muted_events": ", ".join(preferences.muted_events),
            }
        ],
    }
    notifications = (
        Notification.objects.filter(user=user)
        .select_related("event", "event__page")
        .order_by("created_at", "pk")
    )
    yield {
        "key": "notifications",
        "title": _("Notifications"),
        "description": _("What we told you about, and when you read it."),
        "fields": {
            "subject": _("What happened"),
            "occurred_at": _("occurred at"),
            "read_at": _("read at"),
        },
        "items": [
            {
                "subject": subject(notification.event),
                "occurred_at": notification.event.occurred_at,
                "read_at": notification.read_at,
            }
            for notification in notifications
        ],
    }
