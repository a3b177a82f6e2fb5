"""Editors choose how anonymous ballots are limited, in honest words; the choice stays sound."""

import pytest
from django.urls import reverse

from polls.models import Poll
from tests.polls.test_admin import poll_form, question_data

pytestmark = pytest.mark.usefixtures("frozen_now")

ADD_URL = "wagtailsnippets_polls_poll:add"


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def test_the_form_offers_the_choices_and_explains_them(admin_client):
    html = admin_client.get(reverse(ADD_URL)).text
    assert "Anonym, eine Stimme pro Browser" in html
    assert "Anonym, begrenzt pro Netzwerk" in html
    assert "Haushalte" in html  # who shares a network, and so the limit


def test_a_public_poll_limited_per_network(admin_client):
    response = admin_client.post(
        reverse(ADD_URL),
        poll_form([question_data()], anonymous_ballots="per_network", ballots_per_network="3"),
    )
    assert response.status_code == 302, response.context["form"].errors
    poll = Poll.objects.get()
    assert (poll.anonymous_ballots, poll.ballots_per_network) == ("per_network", 3)
    assert poll.limits_ballots_per_network


def test_signed_in_only_is_the_registered_audience_and_keeps_no_anonymous_rule(admin_client):
    response = admin_client.post(
        reverse(ADD_URL),
        poll_form([question_data()], audience="registered", anonymous_ballots="per_network"),
    )
    assert response.status_code == 302, response.context["form"].errors
    poll = Poll.objects.get()
    assert (poll.audience, poll.anonymous_ballots) == ("registered", "")
    assert not poll.limits_ballots_per_network


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"anonymous_ballots": ""}, "anonymous_ballots", "wie Stimmen ohne Konto begrenzt"),
        ({"ballots_per_network": "0"}, "ballots_per_network", "größer oder gleich 1"),
    ],
)
def test_a_public_poll_needs_a_rule_and_a_positive_limit(admin_client, fields, field, message):
    response = admin_client.post(reverse(ADD_URL), poll_form([question_data()], **fields))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Poll.objects.exists()


def test_the_database_refuses_a_rule_on_a_poll_nobody_votes_anonymously_in(db):
    from django.db import IntegrityError, transaction

    poll = Poll.objects.create(
        title="t", opens_at="2026-03-10T08:00Z", closes_at="2026-03-31T18:00Z", audience="staff"
    )
    assert poll.anonymous_ballots == ""
    with pytest.raises(IntegrityError), transaction.atomic():
        Poll.objects.filter(pk=poll.pk).update(anonymous_ballots="per_browser")
