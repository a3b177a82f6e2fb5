"""Citizens' suggestions (Anregungen): received, sent to the owning unit, marked answered.

No address is stored (the rate limit counts a daily-salted network hash);
the e-mail address only if the citizen wants an answer. The unit's
functional mailbox is told through Django's mail (queued, see portal.mail).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from departments.models import Role
from departments.rules import is_participation_team, roles_of
from participation import ratelimit
from participation.refusals import NotFound, Refusal
from vorhaben.models import Anregung

# Who reads the Anregungen of a unit: the team (all, and those without a unit) and its editors.
ANREGUNG_ROLES = (Role.EDITOR,)


def submit_anregung(participant, *, subject, reason, department=None, vorhaben=None, email=""):
    """Stores a validated Anregung and tells the unit's mailbox (values come from a form)."""
    if not participant.is_staff:
        ratelimit.hit("anregung_per_ip", participant.ip_hash)
    if vorhaben is not None:
        department = vorhaben.department
    with transaction.atomic():
        anregung = Anregung.objects.create(
            subject=subject,
            reason=reason,
            department=department,
            vorhaben=vorhaben,
            email=email,
        )
        if department is not None and department.email:
            notify_department(anregung, department)
    return anregung


def notify_department(anregung: Anregung, department) -> None:
    """In the portal's language (German), whatever language the citizen's page was in."""
    subject = anregung.subject
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("New suggestion for participation: %(subject)s") % {"subject": subject},
            notification_text(anregung),
            settings.DEFAULT_FROM_EMAIL,
            [department.email],
        )


def notification_text(anregung: Anregung) -> str:
    lines = [
        _("A citizen suggests opening something to participation."),
        "",
        _("Subject: %(subject)s") % {"subject": anregung.subject},
    ]
    if anregung.vorhaben_id:
        lines.append(_("About the plan: %(title)s") % {"title": anregung.vorhaben.title})
    lines += ["", anregung.reason, ""]
    if anregung.email:
        lines.append(_("The citizen would like an answer (the address is in the admin)."))
    lines.append(_("Please answer and mark the suggestion as answered in the admin."))
    return "\n".join(lines)


def anregungen_for(user):
    """The team reads all; a unit's editors those of their units (not the general ones)."""
    anregungen = Anregung.objects.select_related("department", "vorhaben")
    if is_participation_team(user):
        return anregungen
    ids = roles_of(user).department_ids(Role.EDITOR)
    if ids is None:
        return anregungen
    return anregungen.filter(department_id__in=ids)


def answered_refusal(user, anregung: Anregung) -> Refusal | None:
    if not anregungen_for(user).filter(pk=anregung.pk).exists():
        return NotFound(_("There is no such suggestion."), code="anregung_not_found")
    return None


def mark_answered(user, anregung: Anregung, answered: bool = True) -> Anregung:
    refusal = answered_refusal(user, anregung)
    if refusal:
        raise refusal
    anregung.answered = answered
    anregung.answered_at = timezone.now() if answered else None
    if answered:
        # The address was given for this answer only: once answered, it goes.
        anregung.email = ""
    anregung.save(update_fields=["answered", "answered_at", "email"])
    return anregung
