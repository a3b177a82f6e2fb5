"""The words around an event, in the reader's language: a subject and a lead sentence per kind.

Events store only the names and texts of the things they are about
(``notifications.happenings``); these sentences are translated when a mail
(or the notification centre) is rendered, inside ``translation.override``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from notifications.models import EventKind

SUBJECTS = {
    EventKind.PHASE_STARTED: _("A new phase has started: %(title)s"),
    EventKind.PHASE_ENDING: _("A phase ends soon: %(title)s"),
    EventKind.POLL_OPENED: _("A poll has opened: %(title)s"),
    EventKind.RESULTS_PUBLISHED: _("Results are published: %(title)s"),
    EventKind.OFFICIAL_ANSWER: _("The city has answered: %(project)s"),
    EventKind.PROPOSAL_ANSWERED: _("The city has answered the proposal: %(title)s"),
    EventKind.NEWS: _("News: %(title)s"),
    EventKind.REPLY: _("Someone replied to your comment"),
    EventKind.COMMENT_APPROVED: _("Your comment has been approved"),
    EventKind.COMMENT_REJECTED: _("Your comment was not published"),
    EventKind.COMMENT_REMOVED: _("Your comment was removed"),
    EventKind.PROPOSAL_APPROVED: _("Your proposal has been published"),
    EventKind.PROPOSAL_REJECTED: _("Your proposal was not published"),
    EventKind.PROPOSAL_REMOVED: _("Your proposal was removed"),
}

LEADS = {
    EventKind.PHASE_STARTED: _("The phase “%(title)s” of the project “%(project)s” has started."),
    EventKind.PHASE_ENDING: _("The phase “%(title)s” of the project “%(project)s” ends soon."),
    EventKind.POLL_OPENED: _(
        "The poll “%(title)s” in the project “%(project)s” is open. You can take part now."
    ),
    EventKind.RESULTS_PUBLISHED: _(
        "The results of “%(title)s” in the project “%(project)s” are published."
    ),
    EventKind.OFFICIAL_ANSWER: _("The city has answered officially in “%(project)s”:"),
    EventKind.PROPOSAL_ANSWERED: _(
        "The city has answered the proposal “%(title)s” in the project “%(project)s”:"
    ),
    EventKind.NEWS: _("The project “%(project)s” has published news:"),
    EventKind.REPLY: _("Someone replied to your comment on “%(project)s”:"),
    EventKind.COMMENT_APPROVED: _("Your comment on “%(project)s” has been approved and is public."),
    EventKind.COMMENT_REJECTED: _("Your comment on “%(project)s” was not published."),
    EventKind.COMMENT_REMOVED: _("Your comment on “%(project)s” was removed by the moderation."),
    EventKind.PROPOSAL_APPROVED: _(
        "Your proposal “%(title)s” in the project “%(project)s” has been checked and is public."
    ),
    EventKind.PROPOSAL_REJECTED: _(
        "Your proposal “%(title)s” in the project “%(project)s” was not published."
    ),
    EventKind.PROPOSAL_REMOVED: _(
        "Your proposal “%(title)s” in the project “%(project)s” was removed by the moderation."
    ),
}


def names(event) -> dict:
    return {"title": event.title, "project": event.page.title if event.page_id else event.title}


def subject(event) -> str:
    return str(SUBJECTS[event.kind]) % names(event)


def lead(event) -> str:
    return str(LEADS[event.kind]) % names(event)
