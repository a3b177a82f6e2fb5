"""Why someone gets a mail: the follow (or their own comment) that brought it.

Every notification mail says it in its footer ("Sie folgen dem Projekt …"),
and the one-click unsubscribe of a visitor's address ends that very follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.models import Department
from notifications import sources
from notifications.audience import targets_q
from notifications.memo import REFERENCE_SECONDS, remembered
from notifications.models import EventKind, Follow, FollowTarget
from pages.models import District, Topic

FOLLOWED = {
    FollowTarget.PROJECT: gettext_lazy(
        "You receive this e-mail because you follow the project “%(name)s”."
    ),
    FollowTarget.DEPARTMENT: gettext_lazy("You receive this e-mail because you follow “%(name)s”."),
    FollowTarget.TOPIC: gettext_lazy(
        "You receive this e-mail because you follow the topic “%(name)s”."
    ),
    FollowTarget.DISTRICT: gettext_lazy(
        "You receive this e-mail because you follow the district “%(name)s”."
    ),
}
TARGET_MODELS = {
    FollowTarget.DEPARTMENT: Department,
    FollowTarget.TOPIC: Topic,
    FollowTarget.DISTRICT: District,
}


@dataclass(frozen=True)
class Reason:
    text: str
    target: str | None = None
    target_id: int | None = None


def personal_reason(kind: str) -> Reason:
    if kind == EventKind.REPLY:
        return Reason(_("You receive this e-mail because someone replied to your comment."))
    if kind == EventKind.OFFICIAL_ANSWER:
        return Reason(_("You receive this e-mail because the city answered your comment."))
    if kind == EventKind.PROPOSAL_ANSWERED:
        return Reason(_("You receive this e-mail because the city answered your proposal."))
    return Reason(_("You receive this e-mail because it concerns your comment."))


def target_name(target: str, target_id: int, project) -> str:
    if target == FollowTarget.PROJECT:
        return project.title
    model = TARGET_MODELS[target]
    return model.objects.filter(pk=target_id).values_list("name", flat=True).first() or ""


def project_and_targets(page):
    project = sources.project_of(page)
    return project, sources.audience_targets(project) if project is not None else []


def reason_for(event, *, user_id: int | None = None, subscriber_id: int | None = None) -> Reason:
    """The closest follow that reaches the recipient: the project first, then its unit, …"""
    if user_id is not None and user_id == event.recipient_id:
        return personal_reason(event.kind)
    project, targets = remembered(
        ("targets", event.page_id), REFERENCE_SECONDS, lambda: project_and_targets(event.page)
    )
    if project is None:
        return Reason("")
    follower = {"user_id": user_id} if user_id is not None else {"subscriber_id": subscriber_id}
    followed = set(
        Follow.objects.filter(targets_q(targets), **follower).values_list("target", "target_id")
    )
    for target, target_id in targets:
        if (target, target_id) in followed:
            name = target_name(target, target_id, project)
            return Reason(str(FOLLOWED[target]) % {"name": name}, target, target_id)
    return Reason("")
