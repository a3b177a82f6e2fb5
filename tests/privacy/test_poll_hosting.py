"""A poll exists for a visitor only through a live page they may see (issue 11, item 4).

Before, ``/api/v1/polls/<id>`` ignored the page: anonymous visitors read and
voted in polls embedded only in password-protected, login-only or draft
pages, and the HTML form accepted a poll id together with any public page.
"""

import pytest
from django.test import Client

from polls.models import Ballot
from tests.comments.helpers import api, logged_in

HIDDEN_FOR_ANONYMOUS = ["passwort", "angemeldet", "gruppe", "entwurf"]


def ballot_for(poll):
    question = poll.questions.order_by("sort_order").first()
    return {"answers": [{"question": question.pk, "choices": [question.choices.first().pk]}]}


def test_a_poll_on_a_public_page_is_readable_and_votable(hidden_places):
    _page, poll = hidden_places["offen"]
    client = Client()
    response, body = api(client, "get", f"/api/v1/polls/{poll.pk}")
    assert response.status_code == 200
    assert body["title"] == poll.title
    response, _body = api(client, "post", f"/api/v1/polls/{poll.pk}/ballot", ballot_for(poll))
    assert response.status_code == 201


@pytest.mark.parametrize("slug", HIDDEN_FOR_ANONYMOUS)
def test_polls_on_hidden_pages_do_not_exist_for_anonymous_visitors(hidden_places, slug):
    _page, poll = hidden_places[slug]
    client = Client()
    response, body = api(client, "get", f"/api/v1/polls/{poll.pk}")
    assert response.status_code == 404
    assert body["code"] == "poll_not_found"
    assert poll.title not in response.content.decode()
    response, body = api(client, "post", f"/api/v1/polls/{poll.pk}/ballot", ballot_for(poll))
    assert response.status_code == 404
    assert not Ballot.objects.filter(poll=poll).exists()


@pytest.mark.parametrize(
    ("slug", "who", "visible"),
    [
        ("angemeldet", "citizen", True),
        ("gruppe", "citizen", False),
        ("gruppe", "member", True),
        ("passwort", "citizen", False),
        ("entwurf", "citizen", False),
    ],
)
def test_signed_in_visitors_see_the_polls_of_pages_they_may_open(
    hidden_places, citizen, member, slug, who, visible
):
    _page, poll = hidden_places[slug]
    client = logged_in({"citizen": citizen, "member": member}[who])
    response, _body = api(client, "get", f"/api/v1/polls/{poll.pk}")
    assert response.status_code == (200 if visible else 404)


def test_the_password_entered_in_the_session_opens_the_poll(hidden_places):
    page, poll = hidden_places["passwort"]
    client = Client()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 404
    restriction = page.get_view_restrictions().get()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "geheim", "return_url": page.url},
    )
    assert response.status_code == 302
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 200


def test_the_html_form_needs_the_page_that_shows_the_poll(hidden_places):
    public_page, _public_poll = hidden_places["offen"]
    _secret_page, secret_poll = hidden_places["angemeldet"]
    client = Client()
    client.get(public_page.url)  # the voting cookie
    question = secret_poll.questions.order_by("sort_order").first()
    response = client.post(
        f"/polls/{secret_poll.pk}/vote/",
        {"page": public_page.pk, f"q{question.pk}-choice": question.choices.first().pk},
    )
    assert response.status_code == 404
    assert not Ballot.objects.filter(poll=secret_poll).exists()


def test_unpublishing_the_page_takes_the_poll_with_it(hidden_places):
    page, poll = hidden_places["offen"]
    client = Client()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 200
    page.unpublish()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 404
    page.save_revision().publish()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 200


def test_removing_the_block_from_the_page_takes_the_poll_away(hidden_places):
    page, poll = hidden_places["offen"]
    page.body = []
    page.save_revision()
    client = Client()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 200, "a draft changes nothing"
    page.get_latest_revision().publish()
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 404
