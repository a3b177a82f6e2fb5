"""Reports cannot silence the city: official answers and staff comments go to the queue instead.

And a pinned answer a moderator hid or removed is pinned again when restored,
without ever exceeding COMMENTS_MAX_PINNED.
"""

import pytest

from comments import services
from comments.models import Comment, CommentState, ModerationLogEntry
from participation.refusals import Conflict
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in
from tests.factories import StaffUserFactory, UserFactory


def report_by(citizens, comment):
    for citizen in citizens:
        response, _body = api(
            logged_in(citizen), "post", f"/api/v1/comments/{comment.pk}/reports", {"reason": "spam"}
        )
        assert response.status_code == 201


@pytest.fixture
def three_citizens(db, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    return [UserFactory() for _ in range(3)]


@pytest.fixture
def pinned_answer(project, editor):
    return CommentFactory(page=project, author=editor, is_official=True, is_pinned=True)


def queue():
    return set(Comment.objects.awaiting_review().values_list("pk", flat=True))


def test_reports_do_not_hide_a_pinned_official_answer(pinned_answer, three_citizens):
    report_by(three_citizens, pinned_answer)

    answer = Comment.objects.get(pk=pinned_answer.pk)
    assert (answer.state, answer.is_pinned) == (CommentState.PUBLISHED, True)
    assert answer.pk in queue()
    assert not ModerationLogEntry.objects.filter(comment=answer, action="auto_hide").exists()


def test_reports_do_not_hide_what_staff_wrote(project, three_citizens):
    staff_comment = CommentFactory(page=project, author=StaffUserFactory(), is_official=False)

    report_by(three_citizens, staff_comment)

    assert Comment.objects.get(pk=staff_comment.pk).state == CommentState.PUBLISHED
    assert staff_comment.pk in queue()


def test_a_citizen_comment_is_still_hidden_after_enough_reports(comment, three_citizens):
    report_by(three_citizens, comment)
    assert Comment.objects.get(pk=comment.pk).state == CommentState.HIDDEN


@pytest.mark.parametrize(
    ("away", "back"), [("hide", "restore"), ("hide", "approve"), ("remove", "restore")]
)
def test_restoring_a_pinned_answer_pins_it_again(pinned_answer, moderator, away, back):
    services.moderate_one(pinned_answer.pk, away, moderator, reason="Prüfung")
    hidden = Comment.objects.get(pk=pinned_answer.pk)
    assert not hidden.is_pinned  # nobody sees a pinned placeholder meanwhile

    services.moderate_one(pinned_answer.pk, back, moderator)

    restored = Comment.objects.get(pk=pinned_answer.pk)
    assert (restored.state, restored.is_pinned) == (CommentState.PUBLISHED, True)


def test_the_thread_shows_the_restored_pin(pinned_answer, moderator, client):
    services.moderate_one(pinned_answer.pk, "hide", moderator)
    services.moderate_one(pinned_answer.pk, "restore", moderator)
    _response, body = api(client, "get", f"/api/v1/comments/pages/{pinned_answer.page_id}")
    assert [item["id"] for item in body["pinned"]] == [pinned_answer.pk]


def test_a_hidden_pinned_answer_keeps_its_place_until_unpinned(
    project, editor, pinned_answer, moderator, settings
):
    settings.COMMENTS_MAX_PINNED = 1
    services.moderate_one(pinned_answer.pk, "hide", moderator)
    second = CommentFactory(page=project, author=editor, is_official=True)

    with pytest.raises(Conflict) as refused:
        services.moderate_one(second.pk, "pin", moderator)
    assert refused.value.code == "too_many_pinned"

    services.moderate_one(pinned_answer.pk, "unpin", moderator)
    services.moderate_one(second.pk, "pin", moderator)
    services.moderate_one(pinned_answer.pk, "restore", moderator)

    pinned = list(Comment.objects.filter(page=project, is_pinned=True).values_list("pk", flat=True))
    assert pinned == [second.pk]
