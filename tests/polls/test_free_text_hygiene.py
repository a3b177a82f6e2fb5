"""Free-text answers: NUL is a 400 at the question (not a 500), deceptive characters go.

Through the API and the HTML form alike.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from polls.models import Answer, Ballot
from tests.factories import ProjectPageFactory
from tests.polls.factories import add_question, make_poll, questions, take_part, valid_answers
from tests.polls.test_api import Voter, problem

pytestmark = pytest.mark.usefixtures("frozen_now")

RLO, ZWSP = "\u202e", "\u200b"
ZALGO = "J" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306" + "a"


def with_text(poll, text):
    free = questions(poll)[3]
    return [*valid_answers(poll, text=None), {"question": free.pk, "text": text}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mehr\x00Schatten", "Nullzeichen"),
        (ZALGO, "höchstens 5 Akzente oder andere Zeichen"),
    ],
)
def test_the_api_refuses_at_the_question(home_page, text, message):
    poll = make_poll()
    voter = Voter()
    voter.read(poll)

    response = voter.vote(poll, with_text(poll, text))

    assert response.status_code == 400
    body = problem(response)
    assert body["code"] == "invalid_answers"
    free = questions(poll)[3]
    assert [error["field"] for error in body["errors"]] == [f"answers.{free.pk}"]
    assert message in body["errors"][0]["message"]
    assert not Ballot.objects.exists()


def test_deceptive_characters_are_removed_from_stored_answers(home_page):
    poll = make_poll()
    voter = Voter()
    voter.read(poll)

    response = voter.vote(poll, with_text(poll, f"Mehr{RLO} Schatten{ZWSP}"))

    assert response.status_code == 201
    assert Answer.objects.get(text__isnull=False, question=questions(poll)[3]).text == (
        "Mehr Schatten"
    )


def test_invisible_text_is_no_answer(home_page):
    poll = make_poll()
    answers = with_text(poll, ZWSP * 3)
    required = add_question(poll, "text", text="Ihr Vorschlag?", required=True, max_length=100)
    answers.append({"question": required.pk, "text": "\u3164" + ZWSP})
    voter = Voter()
    voter.read(poll)

    response = voter.vote(poll, answers)

    assert response.status_code == 400
    errors = problem(response)["errors"]
    assert errors == [
        {"field": f"answers.{required.pk}", "message": "Bitte beantworten Sie diese Frage."}
    ]


def test_the_optional_invisible_answer_is_left_out(home_page):
    poll = make_poll()
    voter = Voter()
    voter.read(poll)
    assert voter.vote(poll, with_text(poll, ZWSP)).status_code == 201
    assert not Answer.objects.filter(question=questions(poll)[3]).exists()


def test_the_html_form_shows_the_null_character_at_the_question(project_index):
    poll = make_poll()
    page = ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])
    single, multiple, scale, free = questions(poll)
    client = Client()
    take_part(client, page)

    response = client.post(
        reverse("polls:vote", args=(poll.pk,)),
        {
            "page": page.pk,
            f"q{single.pk}-choice": single.choices.first().pk,
            f"q{multiple.pk}-choice": [multiple.choices.first().pk],
            f"q{scale.pk}-rating": "4",
            f"q{free.pk}-text": "Mehr\x00Schatten",
        },
    )

    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    errors = html.find(id=f"poll-{poll.pk}-q{free.pk}-errors")
    assert "Nullzeichen" in errors.text
    assert not Ballot.objects.exists()
