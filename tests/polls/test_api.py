"""The polls API: same rules as the form, every bad input a clear problem+json answer."""

import json

import pytest
from django.test import Client

from polls.models import Ballot, PollTally
from tests.polls.factories import NOW, make_poll, questions, valid_answers
from web.participants import ANONYMOUS_COOKIE

pytestmark = pytest.mark.usefixtures("frozen_now")


def poll_url(poll):
    return f"/api/v1/polls/{poll.pk}"


def ballot_url(poll):
    return f"/api/v1/polls/{poll.pk}/ballot"


CSRF_COOKIE_URL = "/_allauth/browser/v1/config"


class Voter:
    """A browser: reads the poll (cookie and CSRF token), then sends JSON with the token."""

    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        if user:
            self.client.force_login(user)

    def read(self, poll):
        response = self.client.get(poll_url(poll))
        # A headless client's way to the CSRF cookie (pages shared by anonymous
        # visitors carry none: web/shared_pages.py).
        self.client.get(CSRF_COOKIE_URL)
        return response

    def csrf(self):
        cookie = self.client.cookies.get("csrftoken")
        return cookie.value if cookie else ""

    def send(self, method, poll, body, content_type="application/json", csrf=True):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        headers = {"HTTP_X_CSRFTOKEN": self.csrf()} if csrf else {}
        return getattr(self.client, method)(
            ballot_url(poll), data, content_type=content_type, **headers
        )

    def vote(self, poll, answers, method="post"):
        return self.send(method, poll, {"answers": answers})


@pytest.fixture
def voter(home_page):
    return Voter()


def problem(response):
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_reading_a_poll_gives_questions_state_and_a_cookie(voter):
    poll = make_poll(results_visibility="after_close")
    response = voter.read(poll)
    assert response.status_code == 200
    assert response.cookies[ANONYMOUS_COOKIE]["httponly"]
    body = response.json()
    assert body["state"] == "open"
    assert body["can_vote"] is True
    assert body["ballot"] is None
    assert body["results"] is None
    assert [q["kind"] for q in body["questions"]] == ["single", "multiple", "rating", "text"]
    assert [c["label"] for c in body["questions"][0]["choices"]] == ["Ja", "Nein"]


def test_casting_and_reading_back_the_own_ballot(voter):
    poll = make_poll(results_visibility="live")
    voter.read(poll)
    response = voter.vote(poll, valid_answers(poll))
    assert response.status_code == 201, response.content
    ballot = response.json()
    assert len(ballot["answers"]) == 4
    body = voter.read(poll).json()
    assert body["ballot"]["id"] == ballot["id"]
    assert body["can_vote"] is False
    assert body["results"]["ballots"] == 1
    assert body["results"]["questions"][0]["options"][0]["count"] == 1


def test_changing_a_ballot_with_put(voter):
    poll = make_poll(allow_ballot_change=True)
    voter.read(poll)
    voter.vote(poll, valid_answers(poll, first=0))
    response = voter.vote(poll, valid_answers(poll, first=1), method="put")
    assert response.status_code == 200
    single = questions(poll)[0]
    assert Ballot.objects.get().answers.get(question=single).choice.label == "Nein"


def test_a_second_ballot_is_409(voter):
    poll = make_poll()
    voter.read(poll)
    voter.vote(poll, valid_answers(poll))
    response = voter.vote(poll, valid_answers(poll))
    assert response.status_code == 409
    assert problem(response)["code"] == "already_voted"


@pytest.mark.parametrize(
    ("case", "status", "code"),
    [
        ("unknown_poll", 404, "poll_not_found"),
        ("unknown_question", 400, "invalid_answers"),
        ("foreign_choice", 400, "invalid_answers"),
        ("too_many_choices", 400, "invalid_answers"),
        ("rating_out_of_range", 400, "invalid_answers"),
        ("text_too_long", 400, "invalid_answers"),
        ("malformed_json", 400, "malformed_json"),
        ("wrong_shape", 400, "invalid_input"),
        ("extra_field", 400, "invalid_input"),
        ("oversized", 413, "ballot_too_large"),
        ("no_csrf", 403, "csrf_failed"),
    ],
)
def test_bad_requests_get_clear_problems_and_store_nothing(voter, case, status, code):
    poll = make_poll()
    single, multiple, _scale, free = questions(poll)
    voter.read(poll)
    answers = valid_answers(poll)
    bodies = {
        "unknown_question": {"answers": [*answers, {"question": 0, "text": "x"}]},
        "foreign_choice": {
            "answers": [{"question": single.pk, "choices": [multiple.choices.first().pk]}]
        },
        "too_many_choices": {
            "answers": [
                {"question": multiple.pk, "choices": [c.pk for c in multiple.choices.all()]}
            ]
        },
        "rating_out_of_range": {
            "answers": [*answers[:2], {"question": answers[2]["question"], "rating": 77}]
        },
        "text_too_long": {"answers": [*answers[:3], {"question": free.pk, "text": "x" * 300}]},
        "malformed_json": '{"answers": [',
        "wrong_shape": {"answers": "Ja"},
        "extra_field": {"answers": answers, "user": 1},
        "oversized": {"answers": answers, "padding": "x" * 70_000},
    }
    if case == "unknown_poll":
        response = voter.send("post", type("P", (), {"pk": 999999}), {"answers": answers})
    elif case == "no_csrf":
        response = voter.send("post", poll, {"answers": answers}, csrf=False)
    else:
        response = voter.send("post", poll, bodies[case])
    assert response.status_code == status, response.content
    body = problem(response)
    assert body["code"] == code
    assert body["detail"]
    assert not Ballot.objects.exists()
    assert not PollTally.objects.exists()


def test_field_errors_name_the_question_in_german(voter):
    poll = make_poll()
    voter.read(poll)
    scale = questions(poll)[2]
    answers = valid_answers(poll, rating=9)
    body = problem(voter.vote(poll, answers))
    assert body["errors"] == [
        {"field": f"answers.{scale.pk}", "message": "Bitte wählen Sie einen Wert von 1 bis 5."}
    ]


def test_without_cookie_or_with_a_forged_one(home_page):
    poll = make_poll()
    voter = Voter()
    voter.client.get(CSRF_COOKIE_URL)
    response = voter.vote(poll, valid_answers(poll))
    assert response.status_code == 400
    assert problem(response)["code"] == "missing_participant_token"
    voter.client.cookies[ANONYMOUS_COOKIE] = "forged:token"
    response = voter.vote(poll, valid_answers(poll))
    assert response.status_code == 403
    assert problem(response)["code"] == "invalid_participant_token"
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "code"),
    [(1, 2, "poll_not_open"), (-2, -1, "poll_closed")],
)
def test_closed_and_upcoming_polls_refuse_ballots(voter, opens, closes, code):
    import datetime

    poll = make_poll(
        opens_at=NOW + datetime.timedelta(days=opens),
        closes_at=NOW + datetime.timedelta(days=closes),
    )
    voter.read(poll)
    voter.client.cookies[ANONYMOUS_COOKIE] = voter.client.cookies.get(ANONYMOUS_COOKIE, "")
    response = voter.vote(poll, valid_answers(poll))
    assert response.status_code in (400, 403)
    assert problem(response)["code"] in (code, "missing_participant_token")
    assert not Ballot.objects.exists()


def test_staff_polls_do_not_exist_for_others(home_page, citizen, editor):
    poll = make_poll(audience="staff", results_visibility="live")
    for user in (None, citizen):
        voter = Voter(user)
        assert voter.read(poll).status_code == 404
        response = voter.vote(poll, valid_answers(poll))
        assert response.status_code == 404
        assert poll.title not in response.content.decode()
    staff = Voter(editor)
    assert staff.read(poll).json()["can_vote"] is True
    assert staff.vote(poll, valid_answers(poll)).status_code == 201
    assert Ballot.objects.get().voter_kind == "staff"


def test_editor_only_results_stay_out_of_the_api(home_page, citizen, editor):
    poll = make_poll(results_visibility="editors")
    assert Voter(citizen).read(poll).json()["results"] is None
    assert Voter(editor).read(poll).json()["results"] is not None


def test_registered_polls_need_a_verified_account(home_page, citizen, unverified):
    poll = make_poll(audience="registered")
    anonymous = Voter()
    anonymous.read(poll)
    assert problem(anonymous.vote(poll, valid_answers(poll)))["code"] == "sign_in_required"
    assert anonymous.vote(poll, valid_answers(poll)).status_code == 401
    unconfirmed = Voter(unverified)
    unconfirmed.read(poll)
    assert problem(unconfirmed.vote(poll, valid_answers(poll)))["code"] == "email_not_verified"
    registered = Voter(citizen)
    registered.read(poll)
    assert registered.vote(poll, valid_answers(poll)).status_code == 201


def test_anonymous_ballots_are_rate_limited_per_network(home_page, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "ballot_per_ip": "2/h"}
    poll = make_poll()
    statuses = []
    for _ in range(3):
        voter = Voter()  # a fresh browser each time, as a cookie-clearing visitor would be
        voter.read(poll)
        statuses.append(voter.vote(poll, valid_answers(poll)).status_code)
    assert statuses == [201, 201, 429]
    assert Ballot.objects.count() == 2
