"""Every kind of bad answer is refused with a message at its question, and nothing is stored."""

import pytest

from participation.refusals import InvalidInput
from polls.models import Answer, Ballot, PollTally
from polls.services import cast_ballot
from tests.polls.factories import (
    add_question,
    anonymous,
    inputs,
    make_poll,
    questions,
    valid_answers,
)

pytestmark = pytest.mark.usefixtures("frozen_now")


def replace(answers, question, **changes):
    return [
        {**answer, **changes} if answer["question"] == question.pk else answer for answer in answers
    ]


def without(answers, question):
    return [answer for answer in answers if answer["question"] != question.pk]


def other_poll_choice(db):
    other = make_poll()
    return questions(other)[0].choices.first().pk


BAD_ANSWERS = {
    "unknown_question": lambda poll, q: [*valid_answers(poll), {"question": 999999, "text": "x"}],
    "choice_of_other_question": lambda poll, q: replace(
        valid_answers(poll), q[0], choices=[q[1].choices.first().pk]
    ),
    "choice_of_other_poll": lambda poll, q: replace(
        valid_answers(poll), q[0], choices=[other_poll_choice(None)]
    ),
    "two_choices_for_single": lambda poll, q: replace(
        valid_answers(poll), q[0], choices=[c.pk for c in q[0].choices.all()]
    ),
    "too_many_choices": lambda poll, q: replace(
        valid_answers(poll), q[1], choices=[c.pk for c in q[1].choices.all()]
    ),
    "too_few_choices": lambda poll, q: replace(valid_answers(poll), q[1], choices=[]),
    "same_choice_twice": lambda poll, q: replace(
        valid_answers(poll), q[1], choices=[q[1].choices.first().pk] * 2
    ),
    "rating_out_of_range": lambda poll, q: replace(valid_answers(poll), q[2], rating=6),
    "rating_below_range": lambda poll, q: replace(valid_answers(poll), q[2], rating=0),
    "text_too_long": lambda poll, q: replace(valid_answers(poll), q[3], text="x" * 201),
    "required_question_missing": lambda poll, q: without(valid_answers(poll), q[0]),
    "required_question_empty": lambda poll, q: replace(valid_answers(poll), q[2], rating=None),
    "text_for_a_choice_question": lambda poll, q: replace(valid_answers(poll), q[0], text="Ja"),
    "question_answered_twice": lambda poll, q: [*valid_answers(poll), valid_answers(poll)[0]],
}


@pytest.mark.parametrize("case", BAD_ANSWERS)
def test_bad_answers_are_refused_and_nothing_is_stored(db, post_request, case):
    poll = make_poll()
    answers = BAD_ANSWERS[case](poll, questions(poll))
    with pytest.raises(InvalidInput) as refused:
        cast_ballot(poll, anonymous(), inputs(answers))
    problem = refused.value
    assert problem.code == "invalid_answers"
    assert problem.errors, "the problem must name the question"
    assert all(error["field"].startswith("answers.") for error in problem.errors)
    assert all(error["message"] for error in problem.errors)
    assert not Ballot.objects.exists()
    assert not Answer.objects.exists()
    assert not PollTally.objects.exists()


def test_errors_are_reported_for_every_question_at_once_in_german(db, post_request):
    poll = make_poll()
    single, _multiple, scale, _free = questions(poll)
    answers = replace(without(valid_answers(poll), single), scale, rating=9)
    with pytest.raises(InvalidInput) as refused:
        cast_ballot(poll, anonymous(), inputs(answers))
    messages = {error["field"]: error["message"] for error in refused.value.errors}
    assert messages == {
        f"answers.{single.pk}": "Bitte beantworten Sie diese Frage.",
        f"answers.{scale.pk}": "Bitte wählen Sie einen Wert von 1 bis 5.",
    }


def test_an_optional_text_may_be_left_empty(db, post_request):
    poll = make_poll()
    answers = replace(valid_answers(poll), questions(poll)[3], text="   ")
    ballot = cast_ballot(poll, anonymous(), inputs(answers))
    assert not ballot.answers.filter(question=questions(poll)[3]).exists()


def test_a_required_text_may_not_be_blank(db, post_request):
    poll = make_poll()
    answers = valid_answers(poll)
    required = add_question(poll, "text", text="Begründung", required=True, max_length=50)
    answers.append({"question": required.pk, "text": " "})
    with pytest.raises(InvalidInput) as refused:
        cast_ballot(poll, anonymous(), inputs(answers))
    assert refused.value.errors == [
        {"field": f"answers.{required.pk}", "message": "Bitte beantworten Sie diese Frage."}
    ]


def test_an_empty_ballot_is_refused(db, post_request):
    poll = make_poll()
    for question in questions(poll):
        question.required = False
        question.save()
    with pytest.raises(InvalidInput) as refused:
        cast_ballot(poll, anonymous(), [])
    assert refused.value.errors[0]["field"] == "answers"
