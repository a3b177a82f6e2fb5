"""Comments become events: official answers, replies, moderation decisions (with the reason)."""

import pytest

from comments import services
from comments.models import CommentState
from comments.moderation import CommentModeration
from notifications.models import Event, EventKind, Notification
from tests.comments.factories import CommentFactory
from tests.factories import StaffUserFactory, UserFactory
from tests.notifications.delivery.conftest import participant_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(display_name="Fragende")


@pytest.fixture
def question(project, author):
    return CommentFactory(page=project, author=author, body="Wann kommt der Radweg?")


def test_an_official_answer_reaches_followers_and_the_author_answered(
    project, question, author, follower, on_commit
):
    city = StaffUserFactory()
    with on_commit():
        answer = services.reply(
            question.pk, participant_for(city), page=project, body="Im Mai.", official=True
        )
    event = Event.objects.get(kind=EventKind.OFFICIAL_ANSWER)
    assert event.key == f"official_answer:{answer.pk}"
    assert (event.recipient, event.title, event.summary) == (author, project.title, "Im Mai.")
    assert event.url.endswith(f"#comment-{answer.pk}")
    assert set(Notification.objects.values_list("user", flat=True)) == {author.pk, follower.pk}
    assert event.fanned_out_at is not None


def test_a_reply_tells_the_parent_author_only(project, question, author, follower, on_commit):
    with on_commit():
        services.reply(question.pk, participant_for(UserFactory()), page=project, body="Bald!")
    event = Event.objects.get()
    assert (event.kind, event.recipient) == (EventKind.REPLY, author)
    assert list(Notification.objects.values_list("user", flat=True)) == [author.pk]


def test_no_notification_for_answering_oneself(project, question, author, on_commit):
    with on_commit():
        services.reply(question.pk, participant_for(author), page=project, body="Nachtrag")
    assert not Event.objects.exists()


def test_a_pre_moderated_reply_tells_only_once_approved(project, question, author, on_commit):
    project.comments_moderation = CommentModeration.PRE
    project.save_revision().publish()
    with on_commit():
        reply = services.reply(
            question.pk, participant_for(UserFactory()), page=project, body="Gute Frage"
        )
    assert reply.state == CommentState.PENDING
    assert not Event.objects.filter(kind=EventKind.REPLY).exists()
    with on_commit():
        services.moderate_one(reply.pk, "approve", StaffUserFactory())
    assert Event.objects.filter(kind=EventKind.REPLY, recipient=author).count() == 1
    # And its own author hears it was approved.
    assert Event.objects.filter(kind=EventKind.COMMENT_APPROVED, recipient=reply.author).exists()


def test_a_removal_tells_the_author_with_the_reason(project, question, author, on_commit):
    with on_commit():
        services.moderate_one(
            question.pk, "remove", StaffUserFactory(), reason="Beleidigend", note="intern"
        )
    event = Event.objects.get()
    assert (event.kind, event.recipient, event.summary) == (
        EventKind.COMMENT_REMOVED,
        author,
        "Beleidigend",
    )
    assert Notification.objects.get().user == author


def test_a_rejection_is_told_and_the_internal_note_stays_internal(project, author, on_commit):
    pending = CommentFactory(page=project, author=author, state=CommentState.PENDING)
    with on_commit():
        services.moderate_one(pending.pk, "reject", StaffUserFactory(), note="Spam-Verdacht")
    event = Event.objects.get()
    assert event.kind == EventKind.COMMENT_REJECTED
    assert "Spam" not in event.summary
