"""Official answers to proposals are one event each: the followers and the author hear it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import fanout, happenings, wording
from notifications.models import Event, EventKind, FollowTarget, Notification
from notifications.reasons import reason_for
from proposals import services
from proposals.models import ProposalState
from tests.factories import StaffUserFactory, UserFactory
from tests.notifications.conftest import restrict
from tests.notifications.delivery.conftest import follow
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(display_name="Ideengeberin")


@pytest.fixture
def proposal(project_index, project, author):
    return make_proposal(make_collection(project_index, page=project), author=author)


@pytest.fixture
def city(db):
    return StaffUserFactory()


def answer(city, proposal, on_commit, state=ProposalState.IN_REVIEW, text="Wir prüfen das."):
    with on_commit():
        return services.answer_proposal(city, proposal.pk, state=state, text=text)


def notified():
    return sorted(Notification.objects.values_list("user", flat=True))


def test_an_answer_reaches_the_followers_and_the_author_once_each(
    project, proposal, author, follower, city, on_commit
):
    stored = answer(city, proposal, on_commit)

    event = Event.objects.get()
    assert (event.kind, event.key) == (
        EventKind.PROPOSAL_ANSWERED,
        f"proposal_answered:{stored.pk}",
    )
    assert (event.page.pk, event.recipient, event.title) == (project.pk, author, proposal.title)
    assert event.url == reverse("ideen:proposal", args=(proposal.pk,))
    assert event.summary == "in Prüfung: Wir prüfen das."
    assert notified() == sorted([author.pk, follower.pk])
    assert event.fanned_out_at is not None


def test_each_answer_is_an_event_of_its_own(project, proposal, follower, city, on_commit):
    answer(city, proposal, on_commit)
    answer(city, proposal, on_commit, state=ProposalState.FEASIBLE, text="Geht.")

    assert Event.objects.filter(kind=EventKind.PROPOSAL_ANSWERED).count() == 2
    assert Notification.objects.filter(user=follower).count() == 2


def test_an_author_who_follows_the_project_is_notified_once(
    project, proposal, author, city, on_commit
):
    follow(author, FollowTarget.PROJECT, project.pk)
    follow(author, FollowTarget.DEPARTMENT, project.department_id)

    answer(city, proposal, on_commit)

    assert notified() == [author.pk]
    # Their mail says why personally: the answer is to their proposal.
    reason = reason_for(Event.objects.get(), user_id=author.pk)
    assert "Ihren Vorschlag beantwortet" in reason.text


def test_a_retried_receiver_and_fan_out_add_nothing(proposal, author, follower, city, on_commit):
    stored = answer(city, proposal, on_commit)
    event = Event.objects.get()

    with on_commit():
        happenings.on_proposal_answered(sender=None, proposal=proposal, answer=stored)
    Event.objects.filter(pk=event.pk).update(fanned_out_at=None)
    fanout.fan_out(event.pk)

    assert Event.objects.count() == 1
    assert notified() == sorted([author.pk, follower.pk])


def test_a_withdrawn_proposals_author_still_hears(proposal, author, city, on_commit):
    proposal.withdrawn_at = timezone.now()
    proposal.save()

    answer(city, proposal, on_commit)

    assert notified() == [author.pk]


def test_a_restricted_project_makes_no_event(project, proposal, author, follower, city, on_commit):
    restrict(project, group="Fachbereich")

    answer(city, proposal, on_commit)

    assert not Event.objects.exists()
    assert not Notification.objects.exists()


def test_the_words_are_german(proposal, project, city, on_commit):
    answer(city, proposal, on_commit)
    event = Event.objects.get()

    assert wording.subject(event) == f"Die Stadt hat den Vorschlag beantwortet: {proposal.title}"
    assert wording.lead(event) == (
        f"Die Stadt hat den Vorschlag „{proposal.title}“ im Projekt „{project.title}“ beantwortet:"
    )
