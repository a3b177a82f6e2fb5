"""What happens to a Vorhaben: submission, decisions, notes, the project and the pre-vote.

Each function checks its rule (``vorhaben.rules``), works in one
transaction and records every state change as a ``VorhabenTransition``.
Callers pass the acting user and plain values, never a request.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages.models import ProjectIndexPage, ProjectPage, ProjectPhase
from participation.refusals import InvalidInput, NotFound, Refusal
from polls.models import Audience, Choice, Poll, Question, QuestionKind, ResultsVisibility
from vorhaben import rules
from vorhaben.models import Vorhaben, VorhabenNote, VorhabenState, VorhabenTransition

NOTE_MAX_LENGTH = 4000
TEASER_MAX_LENGTH = 300
PREVOTE_DAYS = 14


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal


def record(vorhaben: Vorhaben, actor, from_state: str, to_state: str, comment: str = ""):
    return VorhabenTransition.objects.create(
        vorhaben=vorhaben,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        comment=comment.strip(),
    )


@transaction.atomic
def submit_vorhaben(user, vorhaben: Vorhaben, districts=()) -> Vorhaben:
    """Stores a new Vorhaben (built from a validated form) as submitted by ``user``."""
    refuse(rules.submission_refusal(user, vorhaben.department_id))
    vorhaben.state = VorhabenState.SUBMITTED
    vorhaben.submitted_by = user
    vorhaben.save()
    if districts:
        vorhaben.districts.set(districts)
    record(vorhaben, user, "", VorhabenState.SUBMITTED)
    return vorhaben


def lock(vorhaben: Vorhaben) -> Vorhaben:
    return Vorhaben.objects.select_for_update().get(pk=vorhaben.pk)


@transaction.atomic
def decide(user, vorhaben: Vorhaben, decision: str, comment: str = "") -> Vorhaben:
    """The team's decision (``rules.DECISIONS``): review, accept, defer or reject."""
    vorhaben = lock(vorhaben)
    refuse(rules.decision_refusal(user, vorhaben, decision))
    _sources, target = rules.DECISIONS[decision]
    from_state = vorhaben.state
    vorhaben.state = target
    vorhaben.save(update_fields=["state", "updated_at"])
    record(vorhaben, user, from_state, target, comment)
    return vorhaben


def add_note(user, vorhaben: Vorhaben, body: str) -> VorhabenNote:
    refuse(rules.note_refusal(user, vorhaben))
    text = (body or "").strip()
    if not text:
        message = _("Please write a note.")
        raise InvalidInput(
            message, code="note_empty", errors=[{"field": "body", "message": message}]
        )
    if len(text) > NOTE_MAX_LENGTH:
        message = _("A note can have at most %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}
        raise InvalidInput(
            message, code="note_too_long", errors=[{"field": "body", "message": message}]
        )
    return VorhabenNote.objects.create(vorhaben=vorhaben, author=user, body=text)


def project_index() -> ProjectIndexPage:
    """Where new projects go: the project list of the default site (the first one otherwise)."""
    indexes = ProjectIndexPage.objects.order_by("path")
    index = indexes.filter(path__startswith=default_root_path()).first() or indexes.first()
    if index is None:
        raise NotFound(
            _("There is no project list to add the project to."), code="no_project_index"
        )
    return index


def default_root_path() -> str:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.path if site else ""


def free_slug(parent, title: str) -> str:
    base = slugify(title)[:200] or "projekt"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def teaser_from(goal: str) -> str:
    text = " ".join(goal.split())
    if len(text) <= TEASER_MAX_LENGTH:
        return text
    return text[: TEASER_MAX_LENGTH - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def create_project(user, vorhaben: Vorhaben) -> ProjectPage:
    """A draft project from an accepted Vorhaben, linked both ways; the Vorhaben is in progress.

    The project is never published here: it goes live through the team's
    approval workflow, as every project does.
    """
    vorhaben = lock(vorhaben)
    refuse(rules.project_refusal(user, vorhaben))
    index = project_index()
    districts = list(vorhaben.districts.all())
    project = ProjectPage(
        title=vorhaben.title,
        slug=free_slug(index, vorhaben.title),
        teaser=teaser_from(vorhaben.goal),
        department_id=vorhaben.department_id,
        district=districts[0] if len(districts) == 1 else None,
        contact_id=vorhaben.contact_id,
        live=False,
        owner=user,
    )
    if vorhaben.planned_start and vorhaben.planned_end:
        project.phases.add(
            ProjectPhase(
                title=_("Participation"),
                start_date=vorhaben.planned_start,
                end_date=vorhaben.planned_end,
            )
        )
    index.add_child(instance=project)
    project.save_revision(user=user, log_action=True)
    vorhaben.project = project
    from_state = vorhaben.state
    vorhaben.state = VorhabenState.IN_PROGRESS
    vorhaben.save(update_fields=["project", "state", "updated_at"])
    record(vorhaben, user, from_state, VorhabenState.IN_PROGRESS, _("Draft project created."))
    return project


@transaction.atomic
def start_prevote(user, vorhaben_list, now: datetime | None = None) -> Poll:
    """A staff-only poll of the team: one multiple-choice question, one choice per Vorhaben."""
    vorhaben_list = list(
        Vorhaben.objects.select_for_update().filter(pk__in=[v.pk for v in vorhaben_list])
    )
    refuse(rules.prevote_refusal(user, vorhaben_list))
    now = now or timezone.now()
    vorhaben_list.sort(key=lambda vorhaben: vorhaben.title)
    poll = Poll(
        title=_("Pre-vote on planned participation (%(date)s)")
        % {"date": timezone.localdate(now).strftime("%d.%m.%Y")},
        description=_(
            "Which of these plans should the city open to participation first? "
            "Tick all that matter most to you."
        ),
        opens_at=now,
        closes_at=now + timedelta(days=PREVOTE_DAYS),
        audience=Audience.STAFF,
        results_visibility=ResultsVisibility.EDITORS,
        department=None,
    )
    question = Question(
        text=_("Which plans should be given priority?"),
        kind=QuestionKind.MULTIPLE,
        required=True,
        min_choices=1,
        sort_order=0,
    )
    question.choices = [
        Choice(label=vorhaben.title[:200], sort_order=number)
        for number, vorhaben in enumerate(vorhaben_list)
    ]
    poll.questions = [question]
    poll.full_clean()
    poll.save()
    Vorhaben.objects.filter(pk__in=[v.pk for v in vorhaben_list]).update(prevote_poll=poll)
    return poll
