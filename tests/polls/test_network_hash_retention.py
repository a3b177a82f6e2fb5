"""Ballots' network hashes are deleted after the retention period; the crowd counts stay."""

import datetime

import pytest
from django.utils import timezone

from polls.models import Ballot, VoterKind
from polls.periodic_jobs import delete_network_hashes
from polls.results import ballot_sources
from scheduling import registry
from tests.polls.factories import make_poll

DAY = datetime.timedelta(days=1)


@pytest.fixture
def retention(settings):
    settings.PORTAL_RETENTION = {**settings.PORTAL_RETENTION, "network_hashes": 2 * DAY}


def ballots(poll, count, network, age, kind=VoterKind.ANONYMOUS):
    made = []
    for _index in range(count):
        ballot = Ballot.objects.create(
            poll=poll,
            participant_key=f"key-{Ballot.objects.count()}",
            voter_kind=kind,
            network_hash=network,
        )
        made.append(ballot.pk)
    Ballot.objects.filter(pk__in=made).update(created_at=timezone.now() - age)
    return made


def state(pks):
    return sorted(
        Ballot.objects.filter(pk__in=pks).values_list("network_hash", "network_ballot_count")
    )


def test_due_hashes_are_deleted_and_what_is_not_due_is_kept(db, retention):
    poll, other_poll = make_poll(), make_poll()
    old = ballots(poll, 3, "old-network", 3 * DAY)
    old_elsewhere = ballots(other_poll, 2, "old-network", 3 * DAY)
    # One network's day straddles the cutoff: the whole day's hash goes at once.
    straddling = ballots(poll, 1, "straddling", 2 * DAY + datetime.timedelta(hours=1))
    straddling += ballots(poll, 1, "straddling", 2 * DAY - datetime.timedelta(hours=1))
    recent = ballots(poll, 2, "recent-network", DAY)
    signed_in = ballots(poll, 1, "", 10 * DAY, kind=VoterKind.REGISTERED)

    assert delete_network_hashes() == 7

    assert state(old) == [("", 3)] * 3
    assert state(old_elsewhere) == [("", 2)] * 2
    assert state(straddling) == [("", 2)] * 2
    assert state(recent) == [("recent-network", None)] * 2
    assert state(signed_in) == [("", None)]
    assert not Ballot.objects.filter(network_hash__in=["old-network", "straddling"]).exists()
    # Nothing left to do: a second run changes nothing.
    assert delete_network_hashes() == 0


def test_the_crowded_count_is_the_same_before_and_after(db, retention, settings):
    settings.POLLS_CROWDED_NETWORK_BALLOTS = 2
    poll = make_poll()
    ballots(poll, 4, "busy-network", 3 * DAY)
    ballots(poll, 1, "quiet-network", 3 * DAY)
    ballots(poll, 3, "busy-today", DAY)
    before = ballot_sources(poll)

    delete_network_hashes()

    assert ballot_sources(poll) == before
    assert before.crowded == 7


def test_the_job_runs_hourly():
    job = registry.get_job("polls.delete_network_hashes")
    assert job.every == datetime.timedelta(hours=1)
    assert job.func is delete_network_hashes
