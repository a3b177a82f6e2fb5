"""Demo polls (demo/data/polls.yaml), embedded in their project pages, with ballots.

Loaded after the pages exist. Dates are relative to now, so the open poll
stays open whenever the demo is loaded; ballots are cast through the real
service, by demo browsers.
"""

from datetime import timedelta
from functools import partial

from django.utils import timezone

from departments.models import Department, DepartmentGroup, Role
from pages.models import ProjectPage
from participation.participants import Participant, TokenState
from polls.models import Choice, Poll, PollApproval, PollState, Question
from polls.services import cast_ballot
from polls.validation import AnswerInput

from .data import read

POLLS = read("polls")
FREE_TEXTS = POLLS["free_texts"]
POLL_FIELDS = (
    "description",
    "audience",
    "results_visibility",
    "allow_ballot_change",
    "publish_free_text",
)


def load_demo_polls() -> None:
    pages = {page.slug: page for page in ProjectPage.objects.all()}
    now = timezone.now()
    polls = [(data, upsert_poll(data, now)) for data in POLLS["polls"].values()]
    # Embedded first: citizens vote in a poll through the page that shows it.
    embedded: dict[str, list[Poll]] = {}
    for data, poll in polls:
        embedded.setdefault(data["embedded_in"], []).append(poll)
    for slug, page_polls in embedded.items():
        embed(pages[slug], *page_polls)
    for data, poll in polls:
        count = data.get("ballots", 0)
        if not count or poll.ballots.exists():
            continue
        if poll.state == PollState.OPEN:
            cast_demo_ballots(poll, count)
        else:
            # Ballots can only be cast while a poll is open: open it briefly in the past.
            with_poll_open(poll, partial(cast_demo_ballots, poll, count))


def upsert_poll(data: dict, now) -> Poll:
    opens, closes = data["days"]
    poll, _created = Poll.objects.update_or_create(
        title=data["title"],
        defaults={
            **{key: data[key] for key in POLL_FIELDS},
            "opens_at": now + timedelta(days=opens),
            "closes_at": now + timedelta(days=closes),
            **submission(data.get("submitted_by_editor_of")),
        },
    )
    if not poll.questions.exists():
        for position, entry in enumerate(data["questions"]):
            choices = entry.get("choices", [])
            question = Question.objects.create(
                poll=poll,
                kind=entry["kind"],
                text=entry["text"],
                sort_order=position,
                required=entry["kind"] != "text",
                **question_settings(entry["kind"], len(choices)),
            )
            for order, label in enumerate(choices):
                Choice.objects.create(question=question, label=label, sort_order=order)
    return poll


def submission(unit_slug: str | None) -> dict:
    """A poll the unit's editor drafted and submitted for the team's approval."""
    if unit_slug is None:
        return {}
    unit = Department.objects.get(slug=unit_slug)
    editors = DepartmentGroup.objects.get(department=unit, role=Role.EDITOR).group.user_set
    return {
        "department": unit,
        "approval": PollApproval.SUBMITTED,
        "submitted_by": editors.order_by("pk").first(),
    }


def question_settings(kind: str, choices: int) -> dict:
    if kind == "multiple":
        return {"min_choices": 1, "max_choices": min(2, choices)}
    if kind == "rating":
        return {
            "scale_min": 1,
            "scale_max": 5,
            "scale_min_label": "unsicher",
            "scale_max_label": "sehr sicher",
        }
    if kind == "text":
        return {"max_length": 500}
    return {}


def cast_demo_ballots(poll: Poll, count: int) -> None:
    if poll.ballots.exists():
        return
    questions = list(poll.questions.prefetch_related("choices"))
    for number in range(count):
        participant = Participant(
            user=None,
            anonymous_token=f"demo-{poll.pk}-{number}",
            token_state=TokenState.VALID,
            ip_hash=f"demo-{number % 5}",
        )
        cast_ballot(poll, participant, demo_answers(questions, number))


def demo_answers(questions, number: int) -> list[AnswerInput]:
    answers = []
    for question in questions:
        choices = [choice.pk for choice in question.choices.all()]
        if question.kind == "single":
            answers.append(
                AnswerInput(question=question.pk, choices=[choices[(number * 7) % len(choices)]])
            )
        elif question.kind == "multiple":
            picked = {choices[number % len(choices)], choices[(number * 3 + 1) % len(choices)]}
            answers.append(
                AnswerInput(question=question.pk, choices=sorted(picked)[: question.max_choices])
            )
        elif question.kind == "rating":
            answers.append(AnswerInput(question=question.pk, rating=1 + (number * 5 + 2) % 5))
        elif question.kind == "text" and FREE_TEXTS[number % len(FREE_TEXTS)]:
            answers.append(
                AnswerInput(question=question.pk, text=FREE_TEXTS[number % len(FREE_TEXTS)])
            )
    return answers


def with_poll_open(poll: Poll, action) -> None:
    # save(), not QuerySet.update(): the signal drops the poll's cached copy,
    # which would otherwise stay open for voters after the dates are restored.
    real_opens, real_closes = poll.opens_at, poll.closes_at
    now = timezone.now()
    poll.opens_at, poll.closes_at = now - timedelta(days=1), now + timedelta(days=1)
    poll.save(update_fields=["opens_at", "closes_at"])
    action()
    poll.opens_at, poll.closes_at = real_opens, real_closes
    poll.save(update_fields=["opens_at", "closes_at"])


def embed(page, *polls) -> None:
    page = page.specific
    present = {block.value["poll"].pk for block in page.body if block.block_type == "poll"}
    missing = [poll for poll in polls if poll.pk not in present]
    if missing:
        for poll in missing:
            page.body.append(("poll", {"poll": poll}))
        page.save_revision().publish()
