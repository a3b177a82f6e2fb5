"""Checks a submitted ballot against the poll's questions before anything is stored.

Input arrives the same way from the HTML form and the API: a list of
``AnswerInput`` (question id plus choices, a rating or a text). Every
problem is reported at once, per question, as ``{"field": "answers.<question
id>", "message": ...}`` so forms can show each message at its question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from participation import text_hygiene
from participation.refusals import InvalidInput
from polls.models import Answer, Question, QuestionKind


@dataclass
class AnswerInput:
    question: int
    choices: list[int] = field(default_factory=list)
    rating: int | None = None
    text: str | None = None
    # A form value that was not even a number (the HTML form cannot send one).
    malformed: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.choices and self.rating is None and not (self.text or "").strip()


def error_field(question_id) -> str:
    return "answers" if question_id is None else f"answers.{question_id}"


class BallotErrors:
    def __init__(self):
        self.errors: list[dict] = []

    def add(self, question_id, message: str) -> None:
        self.errors.append({"field": error_field(question_id), "message": str(message)})

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidInput(
                _("Please check your answers: some of them cannot be counted."),
                code="invalid_answers",
                errors=self.errors,
            )


def only_kind_of_value(question: Question, item: AnswerInput) -> str | None:
    """A message if the answer carries a kind of value this question does not take."""
    if question.has_choices and (item.rating is not None or item.text):
        return _("This question is answered by ticking choices.")
    if question.kind == QuestionKind.RATING and (item.choices or item.text):
        return _("This question is answered with a value on the scale.")
    if question.kind == QuestionKind.TEXT and (item.choices or item.rating is not None):
        return _("This question is answered with a text.")
    return None


def choice_answers(question: Question, item: AnswerInput, errors: BallotErrors) -> list[Answer]:
    own = {choice.pk for choice in question.choices.all()}
    if len(set(item.choices)) != len(item.choices):
        errors.add(question.pk, _("Each choice can be ticked only once."))
        return []
    foreign = [choice for choice in item.choices if choice not in own]
    if foreign:
        errors.add(question.pk, _("This choice does not belong to this question."))
        return []
    fewest, most = question.choice_bounds()
    count = len(item.choices)
    if question.kind == QuestionKind.SINGLE and count > 1:
        errors.add(question.pk, _("Please choose only one answer."))
        return []
    if count < fewest:
        errors.add(
            question.pk,
            ngettext(
                "Please tick at least %(count)d choice.",
                "Please tick at least %(count)d choices.",
                fewest,
            )
            % {"count": fewest},
        )
        return []
    if count > most:
        errors.add(
            question.pk,
            ngettext(
                "Please tick at most %(count)d choice.",
                "Please tick at most %(count)d choices.",
                most,
            )
            % {"count": most},
        )
        return []
    return [Answer(question=question, choice_id=choice) for choice in item.choices]


def rating_answer(question: Question, item: AnswerInput, errors: BallotErrors) -> list[Answer]:
    if item.rating not in question.scale:
        errors.add(
            question.pk,
            _("Please choose a value from %(low)d to %(high)d.")
            % {"low": question.scale_min, "high": question.scale_max},
        )
        return []
    return [Answer(question=question, rating=item.rating)]


def text_answer(question: Question, item: AnswerInput, errors: BallotErrors) -> list[Answer]:
    try:
        text = text_hygiene.clean_text(item.text)
    except text_hygiene.TextRefused as refusal:
        errors.add(question.pk, refusal.message)
        return []
    if text_hygiene.is_blank(text):
        # Invisible characters only: no answer (and a required question misses one).
        if question.required:
            errors.add(question.pk, _("Please answer this question."))
        return []
    if len(text) > question.max_length:
        errors.add(
            question.pk,
            _("Please shorten your answer to %(limit)d characters (it has %(length)d).")
            % {"limit": question.max_length, "length": len(text)},
        )
        return []
    return [Answer(question=question, text=text)]


ANSWER_BUILDERS = {
    QuestionKind.SINGLE: choice_answers,
    QuestionKind.MULTIPLE: choice_answers,
    QuestionKind.RATING: rating_answer,
    QuestionKind.TEXT: text_answer,
}


def clean_answers(questions: list[Question], submitted: list[AnswerInput]) -> list[Answer]:
    """Unsaved Answer rows for a valid ballot; raises InvalidInput listing every problem."""
    by_id = {question.pk: question for question in questions}
    errors = BallotErrors()
    answers: list[Answer] = []
    answered: set[int] = set()
    for item in submitted:
        question = by_id.get(item.question)
        if question is None:
            errors.add(item.question, _("This question does not belong to this poll."))
            continue
        if question.pk in answered:
            errors.add(question.pk, _("Please answer each question only once."))
            continue
        answered.add(question.pk)
        if item.malformed:
            errors.add(question.pk, _("Please choose one of the offered answers."))
            continue
        if message := only_kind_of_value(question, item):
            errors.add(question.pk, message)
            continue
        if item.is_empty:
            if question.required:
                errors.add(question.pk, _("Please answer this question."))
            continue
        answers.extend(ANSWER_BUILDERS[question.kind](question, item, errors))
    for question in questions:
        if question.required and question.pk not in answered:
            errors.add(question.pk, _("Please answer this question."))
    if not answers and not errors.errors:
        errors.add(None, _("Please answer at least one question."))
    errors.raise_if_any()
    return answers
