"""Follow buttons and the unread count, for templates of apps that must not import notifications.

``{% follow_box page %}`` on a project page, ``{% follow_buttons filter_form %}``
on the project list filtered by a department, topic or district,
``{% newsletter_signup %}`` on the newsletter archive, and
``{% unread_notifications as count %}`` in the site header (one query).
"""

from django import template
from django.utils.translation import gettext_lazy as _

from notifications import centre, wording
from notifications.audience import targets_q
from notifications.models import Follow, FollowTarget
from notifications.targets import NEWSLETTER_ID
from web.page_access import page_access_from_request

register = template.Library()


def following_states(user, pairs) -> set[tuple[str, int]]:
    """Which of ``pairs`` the user follows, in one query."""
    if not pairs or user is None or not user.is_authenticated:
        return set()
    return set(
        Follow.objects.filter(targets_q(pairs), user=user).values_list("target", "target_id")
    )


def buttons(request, pairs, next_url: str) -> list[dict]:
    user = getattr(request, "user", None)
    states = following_states(user, pairs)
    return [
        {"kind": kind, "id": target_id, "following": (kind, target_id) in states, "next": next_url}
        for kind, target_id in pairs
    ]


@register.inclusion_tag("notifications/includes/follow_box.html", takes_context=True)
def follow_box(context, page):
    """The project's follow button, its department's, district's and topics', and e-mail follow."""
    request = context["request"]
    pairs = [(FollowTarget.PROJECT, page.pk)]
    labels = {(FollowTarget.PROJECT, page.pk): page.title}
    if page.department_id:
        pairs.append((FollowTarget.DEPARTMENT, page.department_id))
        labels[pairs[-1]] = page.department.name
    if page.district_id:
        pairs.append((FollowTarget.DISTRICT, page.district_id))
        labels[pairs[-1]] = page.district.name
    for topic in page.topics.all():
        pairs.append((FollowTarget.TOPIC, topic.pk))
        labels[pairs[-1]] = topic.name
    authenticated = request.user.is_authenticated
    items = buttons(request, pairs, request.get_full_path()) if authenticated else []
    for item in items:
        item["label"] = labels[(item["kind"], item["id"])]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "authenticated": authenticated,
        "project": items[0] if items else None,
        "others": items[1:],
    }


@register.inclusion_tag("notifications/includes/follow_buttons.html", takes_context=True)
def follow_buttons(context, filter_form):
    """A follow button for each department, topic or district the project list is filtered by."""
    request = context["request"]
    active = filter_form.active_filters() if filter_form is not None else {}
    objects = {kind: active.get(kind) for kind in ("department", "topic", "district")}
    pairs = [(kind, obj.pk) for kind, obj in objects.items() if obj is not None]
    items = buttons(request, pairs, request.get_full_path()) if pairs else []
    for item in items:
        item["label"] = objects[item["kind"]].name
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "items": items,
        "authenticated": request.user.is_authenticated,
    }


@register.inclusion_tag("notifications/includes/newsletter_signup.html", takes_context=True)
def newsletter_signup(context):
    """The newsletter list: a follow button when signed in, else e-mail with double opt-in."""
    request = context["request"]
    pair = (FollowTarget.NEWSLETTER, NEWSLETTER_ID)
    authenticated = request.user.is_authenticated
    item = buttons(request, [pair], request.get_full_path())[0] if authenticated else None
    if item:
        item["label"] = _("Newsletter")
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "authenticated": authenticated,
        "item": item,
        "target": pair[0],
        "target_id": pair[1],
    }


@register.filter
def event_subject(event) -> str:
    return wording.subject(event)


@register.filter
def event_lead(event) -> str:
    return wording.lead(event)


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return centre.unread_count(page_access_from_request(request))
