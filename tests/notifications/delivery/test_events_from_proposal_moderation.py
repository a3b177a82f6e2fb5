"""A proposal's author hears of the moderation's decisions, as comment authors do."""

import pytest

from notifications import wording
from notifications.models import Event, EventKind, Notification
from proposals import moderation
from proposals.models import Moderation, ProposalModerationAction, ProposalReport
from tests.factories import UserFactory
from tests.notifications.delivery.conftest import participant_for
from tests.proposals.factories import make_collection, make_proposal

pytestmark = pytest.mark.django_db
Action = ProposalModerationAction


@pytest.fixture
def author(db):
    return UserFactory(display_name="Ideengeberin")


@pytest.fixture
def collection(project_index, project):
    return make_collection(project_index, page=project)


@pytest.fixture
def moderator(db):
    return participant_for(UserFactory(is_superuser=True, is_staff=True))


def test_a_removal_tells_the_author_with_the_reason_but_not_the_note(
    collection, author, follower, moderator, on_commit
):
    proposal = make_proposal(collection, author=author)
    with on_commit():
        moderation.moderate(
            moderator, [proposal.pk], Action.REMOVE, reason="Werbung", note="intern"
        )

    event = Event.objects.get()
    assert (event.kind, event.recipient, event.summary) == (
        EventKind.PROPOSAL_REMOVED,
        author,
        "Werbung",
    )
    assert list(Notification.objects.values_list("user", flat=True)) == [author.pk]
    assert wording.subject(event) == "Ihr Vorschlag wurde entfernt"


def test_publishing_out_of_pre_moderation_tells_the_author(
    collection, author, moderator, on_commit
):
    proposal = make_proposal(collection, author=author, moderation=Moderation.PENDING)
    with on_commit():
        moderation.moderate(moderator, [proposal.pk], Action.PUBLISH)

    event = Event.objects.get()
    assert (event.kind, event.recipient, event.summary) == (
        EventKind.PROPOSAL_APPROVED,
        author,
        "",
    )


def test_a_rejection_is_told_with_its_reason(collection, author, moderator, on_commit):
    proposal = make_proposal(collection, author=author, moderation=Moderation.PENDING)
    with on_commit():
        moderation.moderate(moderator, [proposal.pk], Action.REJECT, reason="Doppelt eingereicht")

    event = Event.objects.get()
    assert (event.kind, event.summary) == (EventKind.PROPOSAL_REJECTED, "Doppelt eingereicht")


def test_dismissed_reports_and_a_hidden_proposal_published_again_tell_nothing(
    collection, author, moderator, on_commit
):
    proposal = make_proposal(collection, author=author, moderation=Moderation.HIDDEN)
    ProposalReport.objects.create(proposal=proposal, participant_key="c" * 64, reason="spam")
    with on_commit():
        moderation.moderate(moderator, [proposal.pk], Action.PUBLISH)
    ProposalReport.objects.create(proposal=proposal, participant_key="d" * 64, reason="spam")
    with on_commit():
        moderation.moderate(moderator, [proposal.pk], Action.DISMISS)

    assert not Event.objects.exists()
