"""Pages anonymous visitors share through a cache: no token, no cookie, ages bound to content.

web/shared_pages.py: a page served to an anonymous visitor without personal
cookies is ``public, max-age=0, s-maxage=N``; its forms fetch their CSRF
token on first use, or, without JavaScript, are confirmed once.
"""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from polls.models import Ballot
from tests.factories import ProjectPageFactory
from tests.polls.factories import NOW, make_poll, questions
from web.participants import ANONYMOUS_COOKIE

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def poll_page(project_index):
    poll = make_poll()
    page = ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])
    return poll, page


def s_maxage(response) -> int:
    match = re.fullmatch(r"public, max-age=0, s-maxage=(\d+)", response["Cache-Control"])
    assert match, response["Cache-Control"]
    return int(match.group(1))


def ballot_data(poll, page):
    single, multiple, scale, free = questions(poll)
    return {
        "page": page.pk,
        f"q{single.pk}-choice": single.choices.first().pk,
        f"q{multiple.pk}-choice": [multiple.choices.first().pk, multiple.choices.last().pk],
        f"q{scale.pk}-rating": "4",
        f"q{free.pk}-text": "Mehr Bänke",
    }


def test_an_anonymous_page_with_forms_is_shared_without_token_or_cookie(client, poll_page):
    poll, page = poll_page
    response = client.get(page.url)
    assert response.status_code == 200
    assert not response.cookies
    assert s_maxage(response) > 0
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find(id=f"poll-{poll.pk}").find("form", method="post") is not None
    # The token fields are there, empty: portal.js fills them in on first use.
    fields = html.find_all("input", attrs={"name": "csrfmiddlewaretoken"})
    assert fields and all(field["value"] == "" for field in fields)


def test_the_shared_age_never_passes_the_poll_closing(client, project_index, settings):
    settings.PORTAL_SHARED_PAGE_SECONDS = 3600
    poll = make_poll(closes_at=NOW + datetime.timedelta(seconds=90))
    page = ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])
    assert s_maxage(client.get(page.url)) == 90


def test_the_shared_age_never_passes_the_poll_opening(client, project_index, settings):
    settings.PORTAL_SHARED_PAGE_SECONDS = 3600
    poll = make_poll(
        opens_at=NOW + datetime.timedelta(seconds=40), closes_at=NOW + datetime.timedelta(days=3)
    )
    page = ProjectPageFactory(parent=project_index, body=[("poll", {"poll": poll})])
    assert s_maxage(client.get(page.url)) == 40


def test_the_shared_age_never_passes_midnight_when_phases_turn(client, project_index, settings):
    settings.PORTAL_SHARED_PAGE_SECONDS = 24 * 3600
    page = ProjectPageFactory(parent=project_index)
    # NOW is 12:00 local time: twelve hours to the next day.
    assert s_maxage(client.get(page.url)) == 12 * 3600
    settings.PORTAL_SHARED_PAGE_SECONDS = 300
    assert s_maxage(client.get(page.url)) == 300


def test_a_signed_in_visitor_gets_a_private_page_with_tokens(client, citizen, poll_page):
    _poll, page = poll_page
    client.force_login(citizen)
    response = client.get(page.url)
    assert response["Cache-Control"] == "private, no-cache"
    assert b"csrfmiddlewaretoken" in response.content
    assert citizen.public_name.encode() in response.content


def test_a_visitor_with_the_participant_cookie_gets_a_private_page(client, poll_page):
    _poll, page = poll_page
    client.get(reverse("form_token"))
    assert ANONYMOUS_COOKIE in client.cookies
    response = client.get(page.url)
    assert response["Cache-Control"] == "private, no-cache"


def test_a_page_behind_a_password_is_never_shared(client, project_index):
    page = ProjectPageFactory(parent=project_index)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(page.url)
    assert "public" not in response.get("Cache-Control", "")


def test_the_form_token_hands_out_both_cookies_privately(client):
    response = client.get(reverse("form_token"))
    assert response["Cache-Control"] == "private, no-store"
    assert response.json()["csrfToken"]
    assert "csrftoken" in response.cookies and ANONYMOUS_COOKIE in response.cookies


def test_with_the_fetched_token_a_vote_goes_through(poll_page):
    poll, page = poll_page
    browser = Client(enforce_csrf_checks=True)
    token = browser.get(reverse("form_token")).json()["csrfToken"]
    data = {**ballot_data(poll, page), "csrfmiddlewaretoken": token}
    response = browser.post(reverse("polls:vote", args=(poll.pk,)), data)
    assert response.status_code == 302
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_without_javascript_a_vote_is_confirmed_once_and_nothing_stored_before(poll_page):
    poll, page = poll_page
    browser = Client(enforce_csrf_checks=True)
    shared = browser.get(page.url)
    assert not shared.cookies
    first = browser.post(
        reverse("polls:vote", args=(poll.pk,)),
        ballot_data(poll, page),
        headers={"Referer": f"http://testserver{page.url}"},
    )
    assert first.status_code == 403
    assert first["Cache-Control"] == "private, no-store"
    assert Ballot.objects.count() == 0
    html = BeautifulSoup(first.content, "html.parser")
    form = html.find("main").find("form", method="post")
    assert form["action"] == reverse("polls:vote", args=(poll.pk,))
    replayed = [(field["name"], field["value"]) for field in form.find_all("input")]
    assert ("page", str(page.pk)) in replayed
    assert sum(1 for name, _value in replayed if name.endswith("-choice")) == 3
    assert html.find("a", string=re.compile("ohne"))["href"] == f"http://testserver{page.url}"
    second = browser.post(form["action"], dict_of(replayed))
    assert second.status_code == 302
    ballot = Ballot.objects.get()
    assert ballot.answers.count() == 5


def dict_of(pairs):
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def test_a_post_from_another_site_is_refused_not_confirmed(poll_page):
    poll, page = poll_page
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("polls:vote", args=(poll.pk,)),
        ballot_data(poll, page),
        headers={"Origin": "https://angreifer.example"},
    )
    assert response.status_code == 403
    assert b"csrfmiddlewaretoken" not in response.content
    assert ANONYMOUS_COOKIE not in response.cookies
    assert Ballot.objects.count() == 0


def test_a_password_is_never_written_back_into_a_confirmation(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("account_login"), {"login": "a@example.org", "password": "geheim123"}
    )
    assert response.status_code == 403
    assert b"geheim123" not in response.content


def test_the_language_switch_needs_no_token(project_index):
    page = ProjectPageFactory(parent=project_index)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("set_language"), {"language": "en", "next": page.url})
    assert response.status_code == 302
    assert browser.cookies["django_language"].value == "en"
