"""Typed request and response bodies of the polls API."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from polls.results import PollResults
from polls.services import PollView
from polls.validation import AnswerInput

MAX_ANSWERS = 200
MAX_CHOICES = 200
MAX_TEXT = 10_000


class AnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    question: int
    choices: list[int] = Field(default_factory=list, max_length=MAX_CHOICES)
    rating: int | None = None
    text: str | None = Field(default=None, max_length=MAX_TEXT)

    def to_input(self) -> AnswerInput:
        return AnswerInput(
            question=self.question, choices=list(self.choices), rating=self.rating, text=self.text
        )


class BallotIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: list[AnswerIn] = Field(max_length=MAX_ANSWERS)

    def to_inputs(self) -> list[AnswerInput]:
        return [answer.to_input() for answer in self.answers]


class ChoiceOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    text: str
    help_text: str
    kind: str
    required: bool
    min_choices: int | None = None
    max_choices: int | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    scale_min_label: str = ""
    scale_max_label: str = ""
    max_length: int | None = None
    choices: list[ChoiceOut]


class AnswerOut(Schema):
    question: int
    choices: list[int] = []
    rating: int | None = None
    text: str | None = None


class BallotOut(Schema):
    id: str = Field(description="The ballot's public id (a UUID).")
    created_at: datetime
    updated_at: datetime
    answers: list[AnswerOut]


class OptionOut(Schema):
    label: str
    count: int
    percent: float
    choice: int | None = None
    value: int | None = None


class QuestionResultOut(Schema):
    question: int
    participants: int
    options: list[OptionOut]
    average: float | None = None
    text_count: int = 0
    texts: list[str] = []


class ResultsOut(Schema):
    ballots: int
    questions: list[QuestionResultOut]


class PollOut(Schema):
    id: int
    title: str
    description: str
    opens_at: datetime
    closes_at: datetime
    state: str = Field(description="upcoming, open or closed")
    audience: str = Field(description="public, registered or staff")
    anonymous_ballots: str | None = Field(
        description=(
            "Public polls: how ballots without an account are limited. per_browser: one "
            "ballot per browser (a signed cookie); per_network: in addition at most "
            "ballots_per_network such ballots per network and day (a 429 with the code "
            "network_ballot_limit says when that is reached; signed-in participants are not "
            "counted). null when only signed-in participants vote (registered, staff)."
        )
    )
    ballots_per_network: int | None = Field(
        description="per_network polls: the most ballots without an account per network and day."
    )
    results_visibility: str = Field(description="live, after_close or editors")
    allow_ballot_change: bool
    can_vote: bool
    can_change_ballot: bool
    questions: list[QuestionOut]
    ballot: BallotOut | None = Field(description="The visitor's own ballot, if any.")
    results: ResultsOut | None = Field(description="Present when the visitor may see results.")


def ballot_out(ballot) -> dict:
    answers: dict[int, dict] = {}
    for answer in ballot.answers.all():
        item = answers.setdefault(
            answer.question_id, {"question": answer.question_id, "choices": []}
        )
        if answer.choice_id is not None:
            item["choices"].append(answer.choice_id)
        elif answer.rating is not None:
            item["rating"] = answer.rating
        else:
            item["text"] = answer.text
    return {
        "id": str(ballot.public_id),
        "created_at": ballot.created_at,
        "updated_at": ballot.updated_at,
        "answers": list(answers.values()),
    }


def results_out(results: PollResults) -> dict:
    return {
        "ballots": results.ballots,
        "questions": [
            {
                "question": item.question.pk,
                "participants": item.participants,
                "options": [
                    {
                        "label": option.label,
                        "count": option.count,
                        "percent": option.percent,
                        "choice": option.choice_id,
                        "value": option.value,
                    }
                    for option in item.options
                ],
                "average": item.average,
                "text_count": item.text_count,
                "texts": item.texts,
            }
            for item in results.questions
        ],
    }


def poll_out(view: PollView) -> dict:
    poll = view.poll
    return {
        "id": poll.pk,
        "title": poll.title,
        "description": poll.description,
        "opens_at": poll.opens_at,
        "closes_at": poll.closes_at,
        "state": view.state,
        "audience": poll.audience,
        "anonymous_ballots": poll.anonymous_ballots or None,
        "ballots_per_network": (
            poll.ballots_per_network if poll.limits_ballots_per_network else None
        ),
        "results_visibility": poll.results_visibility,
        "allow_ballot_change": poll.allow_ballot_change,
        "can_vote": view.can_vote,
        "can_change_ballot": view.can_change,
        "questions": [
            {
                "id": question.pk,
                "text": question.text,
                "help_text": question.help_text,
                "kind": question.kind,
                "required": question.required,
                "min_choices": question.min_choices,
                "max_choices": question.max_choices,
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
                "scale_min_label": question.scale_min_label,
                "scale_max_label": question.scale_max_label,
                "max_length": question.max_length,
                "choices": [
                    {"id": choice.pk, "label": choice.label} for choice in question.choices.all()
                ],
            }
            for question in view.questions
        ],
        "ballot": ballot_out(view.ballot) if view.ballot else None,
        "results": results_out(view.results) if view.results else None,
    }
