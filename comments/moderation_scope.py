"""Whose discussions a moderator moderates: the city's, or those of their units.

Moderation is granted two ways. The ``comments.moderate_comment`` permission
given directly or through a group the city made itself (Wagtail's
"Moderatorinnen und Moderatoren", say) covers the whole city, as do the
participation team and superusers. The Moderation role of a unit
(``departments``) covers the discussions whose target belongs to that unit
or a unit below it (``DiscussionMixin.discussion_owner_field``); the queue,
the comment pages, the actions and the exports show only those.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from wagtail.models import Page

from comments.mixins import commentable_page_models
from departments.models import Role
from departments.rules import roles_of

PERMISSION = ("comments", "moderate_comment")


def has_city_wide_permission(user) -> bool:
    """The permission, held directly or through a group that is not a unit's role group."""
    app_label, codename = PERMISSION
    return (
        Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        .filter(Q(user=user) | Q(group__user=user, group__department_role__isnull=True))
        .exists()
    )


CACHE_ATTRIBUTE = "_moderated_units"


def moderated_units(user) -> frozenset[int] | None:
    """None: every discussion; otherwise the units whose discussions ``user`` moderates.

    Kept on the user object (a request's user) like ``departments.rules.roles_of``.
    """
    if user.is_superuser:
        return None
    if hasattr(user, CACHE_ATTRIBUTE):
        return getattr(user, CACHE_ATTRIBUTE)
    units = roles_of(user).department_ids(Role.MODERATOR)
    if units is not None and has_city_wide_permission(user):
        units = None
    setattr(user, CACHE_ATTRIBUTE, units)
    return units


def owned_pages(units: frozenset[int]) -> QuerySet:
    """The commentable pages owned by ``units``, as a subquery of ids (one per page type)."""
    condition = Q(pk__in=[])
    for model in commentable_page_models():
        if model.discussion_owner_field:
            owned = model.objects.filter(**{f"{model.discussion_owner_field}__in": units})
            condition |= Q(pk__in=owned.values("pk"))
    return Page.objects.filter(condition).values("pk")


def within_scope(user, comments: QuerySet) -> QuerySet:
    """``comments`` narrowed to the discussions ``user`` moderates."""
    units = moderated_units(user)
    if units is None:
        return comments
    if not units:
        return comments.none()
    return comments.filter(page__in=owned_pages(units))


def moderates_page(user, page_id: int) -> bool:
    """Whether ``user`` moderates the discussion on page ``page_id`` (the owned pages read once)."""
    units = moderated_units(user)
    if units is None:
        return True
    cached = getattr(user, "_moderated_page_ids", None)
    if cached is None:
        cached = {row["pk"] for row in owned_pages(units)} if units else set()
        user._moderated_page_ids = cached
    return page_id in cached


def pages_within_scope(user, pages: QuerySet) -> QuerySet:
    """``pages`` narrowed to those whose discussions ``user`` moderates."""
    units = moderated_units(user)
    if units is None:
        return pages
    return pages.filter(pk__in=owned_pages(units)) if units else pages.none()
