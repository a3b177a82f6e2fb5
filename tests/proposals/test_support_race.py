"""Many accounts support one proposal at the same moment, on real concurrent connections.

Each thread has its own PostgreSQL connection; the proposal's row lock
queues them. None may be lost, none doubled, and the counter must equal the
rows.
"""

import pytest

from participation.refusals import Conflict
from proposals import services
from proposals.models import Proposal, Support
from tests.concurrency import run_together
from tests.factories import UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

# PostgreSQL here allows 100 connections, shared with other test runs.
THREADS, PER_THREAD = 30, 4


def test_concurrent_supports_from_different_accounts_lose_none_and_double_none(project_index):
    proposal = make_proposal(make_collection(project_index))
    supporters = [participant(UserFactory()) for _ in range(THREADS * PER_THREAD)]

    def work(thread):
        return [
            services.support(supporters[thread * PER_THREAD + i], proposal.pk)
            for i in range(PER_THREAD)
        ]

    outcomes = run_together(THREADS, work)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    counts = sorted(count for batch in outcomes for count in batch)
    # Every support saw its own new count: 1 .. N, each exactly once.
    assert counts == list(range(1, THREADS * PER_THREAD + 1))
    assert Support.objects.filter(proposal=proposal).count() == THREADS * PER_THREAD
    assert Proposal.objects.get(pk=proposal.pk).support_count == THREADS * PER_THREAD


def test_one_account_clicking_many_times_at_once_supports_once(project_index):
    proposal = make_proposal(make_collection(project_index))
    supporter = participant(UserFactory())

    outcomes = run_together(20, lambda i: services.support(supporter, proposal.pk))

    assert [outcome for outcome in outcomes if not isinstance(outcome, Conflict)] == [1]
    assert Support.objects.count() == 1
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_supports_and_take_backs_at_once_keep_the_counter_equal_to_the_rows(project_index):
    proposal = make_proposal(make_collection(project_index))
    stayers = [participant(UserFactory()) for _ in range(20)]
    leavers = [participant(UserFactory()) for _ in range(20)]
    for leaver in leavers:
        services.support(leaver, proposal.pk)

    def work(index):
        if index % 2:
            return services.unsupport(leavers[index // 2], proposal.pk)
        return services.support(stayers[index // 2], proposal.pk)

    outcomes = run_together(40, work)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert Support.objects.filter(proposal=proposal).count() == 20
    assert Proposal.objects.get(pk=proposal.pk).support_count == 20
