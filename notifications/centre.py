"""The notification centre: a signed-in citizen's notifications they may still see.

The portal's one visibility rule (``participation.page_access``) applied in
SQL, so that the list, the page count and the header's unread count are each
one query: an event with a page counts only while the page is live, lies in
the viewer's site and has no view restriction on it or its ancestors that
the viewer does not pass (a login restriction is passed by every signed-in
citizen, a group restriction by members and superusers, a password
restriction once entered in this session). A project restricted after the
event drops out of the list and the count; it comes back if the restriction
goes.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import PageViewRestriction

from notifications.models import Notification
from participation.page_access import PageAccess

PAGE_SIZE = 20


def failing_restrictions(access: PageAccess):
    """The view restrictions on the outer event's page or its ancestors that ``access`` fails."""
    restrictions = PageViewRestriction.objects.annotate(
        event_path=ExpressionWrapper(OuterRef("event__page__path"), output_field=CharField())
    ).filter(event_path__startswith=F("page__path"))
    fails = Q(restriction_type=PageViewRestriction.PASSWORD) & ~Q(
        pk__in=list(access.passed_restrictions)
    )
    if not access.authenticated:
        fails |= Q(restriction_type=PageViewRestriction.LOGIN)
    if not access.superuser:
        member = Group.objects.filter(pageviewrestriction=OuterRef("pk"), user=access.user)
        fails |= Q(restriction_type=PageViewRestriction.GROUPS) & ~Exists(member)
    return restrictions.filter(fails)


def visible_notifications(access: PageAccess):
    """The notifications of ``access.user`` whose event they may still see, newest first."""
    if not access.authenticated:
        return Notification.objects.none()
    page_visible = Q(event__page__live=True) & ~Exists(failing_restrictions(access))
    if access.site_root_path is not None:
        page_visible &= Q(event__page__path__startswith=access.site_root_path)
    return (
        Notification.objects.filter(user=access.user)
        .filter(Q(event__page__isnull=True) | page_visible)
        .select_related("event", "event__page")
        .order_by("-event__occurred_at", "-pk")
    )


def unread_count(access: PageAccess) -> int:
    return visible_notifications(access).filter(read_at__isnull=True).count()


def mark_read(access: PageAccess, notification_id: int) -> bool:
    """Marks one of my visible notifications read; False if there is no such notification."""
    found = visible_notifications(access).filter(pk=notification_id)
    if not found.exists():
        return False
    Notification.objects.filter(pk=notification_id, user=access.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return True


@transaction.atomic
def mark_all_read(access: PageAccess) -> int:
    """Marks all my unread notifications read that I may see (a hidden one stays unread)."""
    if not access.authenticated:
        return 0
    unread = visible_notifications(access).filter(read_at__isnull=True).values("pk")
    return Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
