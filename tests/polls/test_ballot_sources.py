"""Editors see where a poll's ballots came from: accounts, anonymous browsers, crowded networks."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from polls.models import Ballot, VoterKind
from polls.results import ballot_sources
from tests.polls.factories import make_poll

pytestmark = pytest.mark.usefixtures("frozen_now")


def ballots(poll, count, kind=VoterKind.ANONYMOUS, network="", kept_count=None):
    start = Ballot.objects.count()
    for index in range(count):
        Ballot.objects.create(
            poll=poll,
            participant_key=f"participant-{start + index}",
            voter_kind=kind,
            network_hash=network,
            network_ballot_count=kept_count,
        )


@pytest.fixture
def voted_poll(db):
    """K = 5: network A (7 anonymous ballots) is crowded, B (2) is not; 3 + 1 after retention."""
    poll = make_poll()
    ballots(poll, 1, VoterKind.REGISTERED)
    ballots(poll, 1, VoterKind.STAFF)
    ballots(poll, 7, network="network-a")
    ballots(poll, 2, network="network-b")
    # Network hashes already deleted: each ballot kept how many its network cast.
    ballots(poll, 3, kept_count=6)
    ballots(poll, 1, kept_count=1)
    # Another poll's ballots from network B do not make B crowded here.
    ballots(make_poll(), 6, network="network-b")
    return poll


def test_the_sources_are_counted_and_crowded_networks_survive_the_retention(voted_poll, settings):
    settings.POLLS_CROWDED_NETWORK_BALLOTS = 5

    sources = ballot_sources(voted_poll)

    assert (sources.signed_in, sources.anonymous, sources.crowded) == (2, 13, 10)
    assert sources.total == 15
    assert ballot_sources(voted_poll, crowded_above=1).crowded == 7 + 2 + 3


def test_the_results_view_shows_the_sources_with_a_fair_explanation(
    client, editor, voted_poll, settings
):
    settings.POLLS_CROWDED_NETWORK_BALLOTS = 5
    client.force_login(editor)

    response = client.get(
        reverse("wagtailsnippets_polls_poll:results_of_poll", args=(voted_poll.pk,))
    )

    section = BeautifulSoup(response.content, "html.parser").find(class_="poll-admin-sources")
    rows = {
        row.th.get_text(" ", strip=True): row.td.get_text(strip=True)
        for row in section.find("tbody").find_all("tr")
    }
    assert rows == {
        "Von angemeldeten Konten": "2",
        "Ohne Konto (anonyme Browser)": "13",
        "davon aus stark genutzten Netzwerken (mehr als 5 Stimmen ohne Konto aus einem "
        "Netzwerk an einem Tag)": "10",
    }
    text = section.get_text(" ", strip=True)
    assert "Anonym, eine Stimme pro Browser" in text
    assert "nicht als Beleg" in text


def test_a_signed_in_only_poll_says_so(client, editor):
    poll = make_poll(audience="registered")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_polls_poll:results_of_poll", args=(poll.pk,)))
    section = BeautifulSoup(response.content, "html.parser").find(class_="poll-admin-sources")
    assert "nur angemeldete Teilnehmende" in section.text
