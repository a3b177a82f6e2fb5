"""Reads the poll form's POST data into the same answers the API receives.

Field names say what kind of value they carry, so no question has to be
looked up here: ``q<id>-choice`` (one or more choice ids), ``q<id>-rating``
and ``q<id>-text``. Whether the ids and values fit the poll is the
service's job (polls.validation).
"""

import re

from polls.validation import AnswerInput

FIELD_PATTERN = re.compile(r"^q(?P<question>\d{1,18})-(?P<kind>choice|rating|text)$")


def field_name(question_id: int, kind: str) -> str:
    return f"q{question_id}-{kind}"


def parse_int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def answers_from_post(data) -> list[AnswerInput]:
    answers: dict[int, AnswerInput] = {}
    for name in data:
        match = FIELD_PATTERN.match(name)
        if not match:
            continue
        question = int(match["question"])
        item = answers.setdefault(question, AnswerInput(question=question))
        values = [value for value in data.getlist(name) if value != ""]
        if match["kind"] == "choice":
            numbers = [parse_int(value) for value in values]
            item.choices = [number for number in numbers if number is not None]
            item.malformed |= None in numbers
        elif match["kind"] == "rating" and values:
            item.rating = parse_int(values[0])
            item.malformed |= item.rating is None
        elif match["kind"] == "text":
            item.text = values[0] if values else ""
    return list(answers.values())
