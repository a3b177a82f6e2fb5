"""Two editors answer the same proposal at the same moment, on real concurrent connections.

The test holds the proposal's row lock itself until both editors' answers
wait for it, so the two are truly under way together. The service checks
each answer under that lock against the state the one before it set: both
are kept in the order they committed, or the second is refused; the
proposal's state is the latest answer's, and each stored answer reaches the
author and the project's followers exactly once.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from departments.groups import sync_groups
from departments.models import Role
from notifications.models import Event, EventKind, FollowTarget, Notification
from participation.refusals import InvalidInput
from proposals import services
from proposals.models import Proposal, ProposalAnswer, ProposalState
from tests.comments.helpers import open_project
from tests.concurrency import run_together
from tests.departments.conftest import member
from tests.factories import DepartmentFactory, UserFactory
from tests.notifications.delivery.conftest import follow
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db(transaction=True)

State = ProposalState
# The proposals raced at once (two editors each): more chances for an unlucky interleaving.
ROUNDS = 6
WAIT_SECONDS = 20


@pytest.fixture
def project(project_index):
    page = open_project(project_index, title="Radverkehr Innenstadt", slug="radverkehr")
    page.department = DepartmentFactory(name="Fachbereich Verkehr")
    page.save()
    page.save_revision().publish()
    sync_groups()
    return page


@pytest.fixture
def follower(project):
    user = UserFactory(display_name="Folgerin")
    follow(user, FollowTarget.PROJECT, project.pk)
    return user


@pytest.fixture
def editors(project):
    return [member(Role.EDITOR, project.department) for _ in range(2)]


@pytest.fixture
def author(db):
    return UserFactory(display_name="Ideengeberin")


def proposals_of(project, project_index, author, state=State.SUBMITTED):
    collection = make_collection(project_index, page=project)
    return [
        make_proposal(collection, author=author, title=f"Vorschlag {n}", state=state)
        for n in range(ROUNDS)
    ]


def waiting_for_locks() -> int:
    """How many connections to this (the test's own) database wait for a lock."""
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing its first look at the activity.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def answer_all_at_once(proposals, answers):
    """Each proposal gets ``answers[i](proposal)`` from editor i, all released together.

    The proposals' rows stay locked here until every answer waits for them,
    so no answer is stored before all have started. Returns the outcomes per
    proposal, in the order of ``answers``.
    """
    count = len(answers)
    outcomes = []

    def work(index):
        proposal = proposals[index // count]
        return answers[index % count](proposal)

    with transaction.atomic():
        list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]))
        racing = threading.Thread(
            target=lambda: outcomes.extend(run_together(len(proposals) * count, work))
        )
        racing.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while (all_waiting := waiting_for_locks() == len(proposals) * count) is False:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    racing.join()
    assert all_waiting, "the answers did not all wait for the proposals' row locks"
    return [outcomes[i : i + count] for i in range(0, len(outcomes), count)]


def history(proposal):
    """The stored answers' states, oldest first, by time and by insertion."""
    answers = list(ProposalAnswer.objects.filter(proposal=proposal).order_by("created_at", "pk"))
    assert [a.pk for a in answers] == sorted(a.pk for a in answers)
    return answers


def notifications_per_user(user, proposal):
    return sorted(
        Notification.objects.filter(
            user=user, event__kind=EventKind.PROPOSAL_ANSWERED, event__title=proposal.title
        ).values_list("event__key", flat=True)
    )


def assert_each_answer_told_once(proposal, stored, author, follower):
    keys = sorted(f"proposal_answered:{answer.pk}" for answer in stored)
    events = Event.objects.filter(kind=EventKind.PROPOSAL_ANSWERED, title=proposal.title)
    assert sorted(events.values_list("key", flat=True)) == keys
    assert notifications_per_user(author, proposal) == keys
    assert notifications_per_user(follower, proposal) == keys


def test_two_reviews_at_once_are_both_kept_in_order(
    project, project_index, editors, author, follower
):
    proposals = proposals_of(project, project_index, author)
    texts = ("Wir prüfen das mit dem Tiefbau.", "Auch die Feuerwehr prüft mit.")

    def answer_with(text, editor):
        return lambda p: services.answer_proposal(editor, p.pk, state=State.IN_REVIEW, text=text)

    rounds = answer_all_at_once(
        proposals, [answer_with(text, e) for text, e in zip(texts, editors, strict=True)]
    )

    for proposal, outcomes in zip(proposals, rounds, strict=True):
        # eingereicht -> in Prüfung, then a progress note in the state the first one set.
        assert all(isinstance(outcome, ProposalAnswer) for outcome in outcomes), outcomes
        stored = history(proposal)
        assert [a.state for a in stored] == [State.IN_REVIEW, State.IN_REVIEW]
        assert sorted(a.text for a in stored) == sorted(texts)
        proposal.refresh_from_db()
        assert proposal.state == stored[-1].state
        assert_each_answer_told_once(proposal, stored, author, follower)


def test_two_contrary_assessments_at_once_keep_one_and_refuse_the_other(
    project, project_index, editors, author, follower
):
    proposals = proposals_of(project, project_index, author, state=State.IN_REVIEW)
    feasible, not_feasible = editors

    rounds = answer_all_at_once(
        proposals,
        [
            lambda p: services.answer_proposal(
                feasible, p.pk, state=State.FEASIBLE, text="Geht im Frühjahr."
            ),
            lambda p: services.answer_proposal(
                not_feasible, p.pk, state=State.NOT_FEASIBLE, text="Zu wenig Platz."
            ),
        ],
    )

    for proposal, outcomes in zip(proposals, rounds, strict=True):
        kept = [o for o in outcomes if isinstance(o, ProposalAnswer)]
        refused = [o for o in outcomes if not isinstance(o, ProposalAnswer)]
        assert len(kept) == 1, outcomes
        # The later one is checked against the state the first one set, and told so.
        (refusal,) = refused
        assert isinstance(refusal, InvalidInput)
        assert refusal.code == "state_not_allowed"
        assert refusal.errors[0]["field"] == "state"
        stored = history(proposal)
        assert [a.pk for a in stored] == [kept[0].pk]
        proposal.refresh_from_db()
        assert proposal.state == kept[0].state
        assert_each_answer_told_once(proposal, stored, author, follower)


def test_an_assessment_and_a_review_note_at_once_leave_the_state_of_the_later(
    project, project_index, editors, author, follower
):
    """umsetzbar and "in Prüfung" may follow each other either way: both stay, the later counts."""
    proposals = proposals_of(project, project_index, author, state=State.IN_REVIEW)
    assessor, reviewer = editors

    rounds = answer_all_at_once(
        proposals,
        [
            lambda p: services.answer_proposal(assessor, p.pk, state=State.FEASIBLE, text="Geht."),
            lambda p: services.answer_proposal(
                reviewer, p.pk, state=State.IN_REVIEW, text="Der Rat berät noch."
            ),
        ],
    )

    for proposal, outcomes in zip(proposals, rounds, strict=True):
        assert all(isinstance(outcome, ProposalAnswer) for outcome in outcomes), outcomes
        stored = history(proposal)
        assert sorted(a.state for a in stored) == sorted([State.FEASIBLE, State.IN_REVIEW])
        proposal.refresh_from_db()
        assert proposal.state == stored[-1].state
        assert_each_answer_told_once(proposal, stored, author, follower)
