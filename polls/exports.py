"""CSV and XLSX exports of a poll's results and of its (pseudonymised) ballots.

Ballots leave the portal with their random public id, times and the kind of
voter only: no name, e-mail, account id or participant key. Text that a
spreadsheet would run as a formula (starting with = + - @ or a control
character) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from polls.models import Ballot, Poll, Question, QuestionKind, VoterKind
from polls.services import poll_questions, poll_results

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Neutralises spreadsheet formulas in text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def result_rows(poll: Poll) -> Iterator[list]:
    results = poll_results(poll)
    yield [_("Question"), _("Answer"), _("Votes"), _("Share (%)"), _("Answered by")]
    for position, result in enumerate(results.questions, start=1):
        label = f"{position}. {result.question.text}"
        for option in result.options:
            yield [label, option.label, option.count, option.percent, result.participants]
        if result.average is not None:
            yield [label, _("Average"), result.average, "", result.participants]
        if result.question.kind == QuestionKind.TEXT:
            yield [label, _("Text answers"), result.text_count, "", result.participants]
    yield [_("All questions"), _("Ballots"), results.ballots, "", ""]


def answer_cell(question: Question, answers: list, choice_labels: dict[int, str]) -> str | int:
    if question.has_choices:
        return "; ".join(choice_labels.get(answer.choice_id, "") for answer in answers)
    if question.kind == QuestionKind.RATING:
        return answers[0].rating if answers else ""
    return answers[0].text if answers else ""


def ballot_rows(poll: Poll) -> Iterator[list]:
    questions = poll_questions(poll)
    choice_labels = {
        choice.pk: choice.label for question in questions for choice in question.choices.all()
    }
    voter_kinds = dict(VoterKind.choices)
    yield [
        _("Ballot"),
        _("Cast at"),
        _("Changed at"),
        _("Voter"),
        *[f"{position}. {question.text}" for position, question in enumerate(questions, 1)],
    ]
    ballots = (
        Ballot.objects.filter(poll=poll)
        .order_by("created_at", "pk")
        .prefetch_related("answers")
        .only("public_id", "created_at", "updated_at", "voter_kind")
    )
    for ballot in ballots.iterator(chunk_size=2000):
        by_question: dict[int, list] = {}
        for answer in ballot.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer)
        yield [
            str(ballot.public_id),
            timezone.localtime(ballot.created_at).replace(tzinfo=None),
            timezone.localtime(ballot.updated_at).replace(tzinfo=None),
            str(voter_kinds.get(ballot.voter_kind, ballot.voter_kind)),
            *[
                answer_cell(question, by_question.get(question.pk, []), choice_labels)
                for question in questions
            ],
        ]


DATASETS = {"results": result_rows, "ballots": ballot_rows}


class Echo:
    def write(self, value):
        return value


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(Echo(), delimiter=";")

    def lines():
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows: Iterable[list], filename: str, sheet_title: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(poll: Poll, dataset: str, file_format: str) -> HttpResponse:
    rows = DATASETS[dataset](poll)
    filename = f"umfrage-{poll.pk}-{slugify(poll.title)[:40]}-{dataset}"
    if file_format == "csv":
        return csv_response(rows, filename)
    return xlsx_response(rows, filename, dataset)
