"""The anonymous-ballot rule through the API and the HTML form: what a visitor and a client see."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from polls.models import Ballot
from tests.factories import ProjectPageFactory
from tests.polls.factories import NOW, make_poll, questions, take_part, valid_answers
from tests.polls.test_api import Voter, problem

pytestmark = pytest.mark.usefixtures("frozen_now", "generous_limits")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"anonymous_ballots": "per_browser"}, ("public", "per_browser", None)),
        (
            {"anonymous_ballots": "per_network", "ballots_per_network": 3},
            ("public", "per_network", 3),
        ),
        ({"audience": "registered"}, ("registered", None, None)),
    ],
)
def test_the_api_says_which_rule_applies(home_page, rule, expected):
    poll = make_poll(**rule)
    body = Voter().read(poll).json()
    assert (body["audience"], body["anonymous_ballots"], body["ballots_per_network"]) == expected


def test_a_full_network_gets_a_429_that_explains_and_says_when_to_retry(home_page):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=2)
    statuses = []
    for _browser in range(3):
        voter = Voter()  # a fresh browser each time, as a cookie-clearing visitor would be
        voter.read(poll)
        response = voter.vote(poll, valid_answers(poll))
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]
    body = problem(response)
    assert body["code"] == "network_ballot_limit"
    assert "melden Sie sich an" in body["detail"]
    # NOW is 12:00 (Berlin, 11:00 UTC): the network hash rotates at midnight UTC.
    assert int(response["Retry-After"]) == 13 * 3600 + 1
    assert Ballot.objects.count() == 2


def test_the_next_day_the_network_may_vote_again(home_page):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    first = Voter()
    first.read(poll)
    assert first.vote(poll, valid_answers(poll)).status_code == 201
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        tomorrow = Voter()
        tomorrow.read(poll)
        assert tomorrow.vote(poll, valid_answers(poll)).status_code == 201
    assert Ballot.objects.values("network_hash").distinct().count() == 2


def test_a_signed_in_citizen_votes_when_the_network_is_full(home_page, citizen):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    anonymous = Voter()
    anonymous.read(poll)
    assert anonymous.vote(poll, valid_answers(poll)).status_code == 201

    signed_in = Voter(citizen)
    signed_in.read(poll)
    assert signed_in.vote(poll, valid_answers(poll)).status_code == 201


@pytest.fixture
def page_with(project_index):
    def build(poll):
        return ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])

    return build


def form_data(poll, page):
    single, multiple, scale, _free = questions(poll)
    return {
        "page": page.pk,
        f"q{single.pk}-choice": single.choices.first().pk,
        f"q{multiple.pk}-choice": [multiple.choices.first().pk],
        f"q{scale.pk}-rating": "4",
    }


def test_the_form_says_so_before_and_after_the_network_is_full(page_with):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    page = page_with(poll)
    first = Client()
    form = BeautifulSoup(first.get(page.url).content, "html.parser").find(
        "form", class_="poll__form"
    )
    assert "höchstens 1 Stimme pro Netzwerk und Tag" in form.text
    first.get(reverse("form_token"))
    assert (
        first.post(reverse("polls:vote", args=(poll.pk,)), form_data(poll, page)).status_code == 302
    )

    second = Client()
    take_part(second, page)
    response = second.post(reverse("polls:vote", args=(poll.pk,)), form_data(poll, page))

    assert response.status_code == 429
    alert = BeautifulSoup(response.content, "html.parser").find(attrs={"role": "alert"})
    assert "aus Ihrem Netzwerk" in alert.text
    assert Ballot.objects.count() == 1


def test_signed_in_visitors_do_not_see_the_network_hint(client, page_with, citizen):
    poll = make_poll(anonymous_ballots="per_network", ballots_per_network=1)
    client.force_login(citizen)
    assert "pro Netzwerk" not in client.get(page_with(poll).url).text
