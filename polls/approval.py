"""The participation team's approval (Freigabe) of the polls a department drafts.

A poll saved in the admin by a department's editor is a draft; the editor
submits it, the team approves it or sends it back with a comment, and only
an approved poll opens (``polls.rules``). The team's own polls are approved
as they are saved. Each step is logged in the poll's history and mailed:
a submission to the team, a decision to whoever submitted.

The same mechanism as the projects' workflow "Freigabe durch das
Beteiligungsteam" in spirit, not Wagtail's workflow engine: that needs
revisions and draft states on the snippet, and a poll's questions are rows
that ballots point to (see the README, "Departments and roles").
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from departments.models import Role
from departments.rules import is_participation_team
from participation.refusals import Conflict, Forbidden, InvalidInput
from polls.models import Poll, PollApproval
from polls.permissions import PollPermissionPolicy

SUBMIT, APPROVE, SEND_BACK = "submit", "approve", "send_back"
LOG_ACTIONS = {
    SUBMIT: "polls.approval.submit",
    APPROVE: "polls.approval.approve",
    SEND_BACK: "polls.approval.send_back",
}
MAX_COMMENT_LENGTH = 2000


def approves_polls(user) -> bool:
    """The participation team (and superusers) approve polls."""
    return user.is_active and is_participation_team(user)


def approval_when_saved(poll: Poll, user, *, created: bool, has_ballots: bool) -> None:
    """The approval a poll gets as ``user`` saves it in the admin (set before saving).

    The team's new polls are approved. A department editor's new poll is a
    draft; an approved poll an editor changes before anyone voted needs the
    team again, so no change reaches citizens unseen. Once ballots exist,
    questions can only be reworded (``polls.validation``) and the poll stays
    open.
    """
    if approves_polls(user):
        if created:
            poll.approval = PollApproval.APPROVED
        return
    if created or (poll.approval == PollApproval.APPROVED and not has_ballots):
        poll.approval = PollApproval.DRAFT
        poll.approval_comment = ""


def actions_for(poll: Poll, user) -> list[str]:
    """The approval steps ``user`` may take on ``poll`` now, for the admin's buttons."""
    actions = []
    if poll.approval == PollApproval.DRAFT and may_change(user, poll):
        actions.append(SUBMIT)
    if poll.approval != PollApproval.APPROVED and approves_polls(user):
        actions.append(APPROVE)
    if poll.approval == PollApproval.SUBMITTED and approves_polls(user):
        actions.append(SEND_BACK)
    return actions


def may_change(user, poll: Poll) -> bool:
    return PollPermissionPolicy(Poll).user_has_permission_for_instance(user, "change", poll)


def decide(poll_id: int, user, action: str, comment: str = "") -> Poll:
    """Takes one approval step; raises a Refusal when ``user`` may not or the state does not fit."""
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInput(
            _("Please keep the comment under %(limit)d characters.")
            % {"limit": MAX_COMMENT_LENGTH},
            errors=[{"field": "comment", "message": _("The comment is too long.")}],
        )
    if action == SEND_BACK and not comment:
        raise InvalidInput(
            _("Please say what should change before the poll can be approved."),
            errors=[{"field": "comment", "message": _("Please enter a comment for the editors.")}],
        )
    with transaction.atomic():
        poll = Poll.objects.select_for_update().filter(pk=poll_id).first()
        if poll is None or not (may_change(user, poll) or approves_polls(user)):
            raise Forbidden(_("You may not approve this poll."), code="poll_approval_forbidden")
        if action not in actions_for(poll, user):
            raise Conflict(
                _("This step is not possible: the poll is %(state)s.")
                % {"state": poll.get_approval_display()},
                code="poll_approval_state",
            )
        poll.approval = {
            SUBMIT: PollApproval.SUBMITTED,
            APPROVE: PollApproval.APPROVED,
            SEND_BACK: PollApproval.DRAFT,
        }[action]
        poll.approval_comment = comment
        if action == SUBMIT:
            poll.submitted_by = user
        poll.save(update_fields=["approval", "approval_comment", "submitted_by", "updated_at"])
        log(instance=poll, action=LOG_ACTIONS[action], user=user, data={"comment": comment})
        notify(poll, user, action, comment)
    return poll


def team_members():
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__department_role__role=Role.TEAM,
            groups__department_role__department=None,
        )
        .exclude(email="")
    )


def notify(poll: Poll, actor, action: str, comment: str) -> None:
    """A submission goes to the team, a decision to the editor who submitted."""
    if action == SUBMIT:
        recipients = {user.email for user in team_members().distinct() if user.pk != actor.pk}
    elif poll.submitted_by is not None and poll.submitted_by.email:
        recipients = {poll.submitted_by.email}
    else:
        recipients = set()
    if not recipients:
        return
    context = {
        "poll": poll,
        "actor": getattr(actor, "display_name", "") or actor.get_username(),
        "comment": comment,
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailsnippets_polls_poll:edit", args=[poll.pk]),
        "portal_name": settings.WAGTAIL_SITE_NAME,
        "portal_url": settings.WAGTAILADMIN_BASE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"polls/mail/approval_{action}_subject.txt", context)
        body = render_to_string(f"polls/mail/approval_{action}_message.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        sorted(recipients),
    )
