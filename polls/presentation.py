"""What the poll block's template needs: questions as form fields, errors, results.

Only arranges what ``services.view_poll`` decided; the rules stay in
polls.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation.refusals import Refusal
from polls import page_polls
from polls.forms import field_name
from polls.models import Audience, Ballot, Poll, Question, QuestionKind
from polls.results import rating_label
from polls.services import PollView, view_poll
from polls.validation import AnswerInput
from web.participants import issue_anonymous_token, participant_from_request
from web.shared_pages import changes_at, is_shared


def form_state_key(poll: Poll) -> str:
    return f"poll_{poll.pk}"


def dom_id(poll: Poll, suffix: str = "") -> str:
    return f"poll-{poll.pk}{'-' if suffix else ''}{suffix}"


@dataclass
class Option:
    value: int
    label: str
    id: str
    checked: bool


@dataclass
class QuestionField:
    question: Question
    id: str
    name: str
    hint: str
    errors: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    text: str = ""

    @property
    def describedby(self) -> str:
        ids = [f"{self.id}-hint"] if self.hint or self.question.help_text else []
        if self.errors:
            ids.append(f"{self.id}-errors")
        return " ".join(ids)


def hint_for(question: Question) -> str:
    if question.kind == QuestionKind.MULTIPLE:
        fewest, most = question.choice_bounds()
        if fewest and fewest == most:
            return ngettext(
                "Tick exactly %(count)d choice.", "Tick exactly %(count)d choices.", most
            ) % {"count": most}
        if fewest > 1:
            return _("Tick %(fewest)d to %(most)d choices.") % {"fewest": fewest, "most": most}
        return ngettext("Tick up to %(count)d choice.", "Tick up to %(count)d choices.", most) % {
            "count": most
        }
    if question.kind == QuestionKind.TEXT:
        return _("At most %(limit)d characters.") % {"limit": question.max_length}
    return ""


def submitted_from_ballot(ballot: Ballot | None) -> dict[int, AnswerInput]:
    values: dict[int, AnswerInput] = {}
    for answer in ballot.answers.all() if ballot else []:
        item = values.setdefault(answer.question_id, AnswerInput(question=answer.question_id))
        if answer.choice_id is not None:
            item.choices.append(answer.choice_id)
        elif answer.rating is not None:
            item.rating = answer.rating
        else:
            item.text = answer.text
    return values


def question_field(
    poll: Poll, question: Question, value: AnswerInput | None, errors: list[str]
) -> QuestionField:
    value = value or AnswerInput(question=question.pk)
    base = dom_id(poll, f"q{question.pk}")
    item = QuestionField(
        question=question,
        id=base,
        name=field_name(question.pk, "text"),
        hint=hint_for(question),
        errors=errors,
        text=value.text or "",
    )
    if question.has_choices:
        item.name = field_name(question.pk, "choice")
        item.options = [
            Option(choice.pk, choice.label, f"{base}-c{choice.pk}", choice.pk in value.choices)
            for choice in question.choices.all()
        ]
    elif question.kind == QuestionKind.RATING:
        item.name = field_name(question.pk, "rating")
        item.options = [
            Option(
                number, rating_label(question, number), f"{base}-r{number}", number == value.rating
            )
            for number in question.scale
        ]
    return item


def errors_by_question(problem: Refusal | None) -> dict[str, list[str]]:
    by_question: dict[str, list[str]] = {}
    for error in problem.errors if problem else []:
        question = error["field"].removeprefix("answers").lstrip(".")
        by_question.setdefault(question, []).append(error["message"])
    return by_question


def poll_block_context(request, poll: Poll, page) -> dict:
    """The poll block's context; empty (the block renders nothing) if the visitor may not see it."""
    if poll is None or request is None:
        return {}
    participant = participant_from_request(request)
    try:
        view: PollView = view_poll(
            poll,
            participant,
            rendered=True,
            preloaded=page_polls.for_page(request, page, participant),
        )
    except Refusal:
        return {}
    if view.needs_anonymous_token and not is_shared(request):
        # A shared page hands the token out when its form is first used (web.shared_pages).
        issue_anonymous_token(request)
    # Opening and closing change what the block shows: no cache may keep it past that.
    changes_at(request, poll.opens_at)
    changes_at(request, poll.closes_at)
    state = getattr(request, "portal_form_state", {}).get(form_state_key(poll), {})
    problem = state.get("problem")
    errors = errors_by_question(problem)
    submitted = state.get("answers")
    values = submitted if submitted is not None else submitted_from_ballot(view.ballot)
    fields = [
        question_field(poll, question, values.get(question.pk), errors.get(str(question.pk), []))
        for question in view.questions
    ]
    return {
        "poll": poll,
        "poll_view": view,
        "host_page": page,
        "dom_id": dom_id(poll),
        "fields": fields,
        "problem": problem,
        "general_errors": errors.get("", []),
        "voted_answers": submitted_from_ballot(view.ballot) if view.ballot else None,
        "changing": view.can_change,
        "is_staff_poll": poll.audience == Audience.STAFF,
    }
