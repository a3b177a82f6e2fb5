"""The moderation service: which action fits which state, what it changes, that it is logged."""

import pytest

from comments import services
from comments.models import Comment, CommentState, ModerationLogEntry, Report
from participation.refusals import Conflict, Forbidden, InvalidInput
from tests.comments.factories import CommentFactory, reply_to
from tests.factories import StaffUserFactory, UserFactory

S = CommentState


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", S.PENDING, S.PUBLISHED),
        ("approve", S.HIDDEN, S.PUBLISHED),
        ("reject", S.PENDING, S.REJECTED),
        ("hide", S.PUBLISHED, S.HIDDEN),
        ("restore", S.HIDDEN, S.PUBLISHED),
        ("restore", S.REMOVED, S.PUBLISHED),
        ("restore", S.REJECTED, S.PUBLISHED),
        ("remove", S.PUBLISHED, S.REMOVED),
        ("remove", S.HIDDEN, S.REMOVED),
    ],
)
def test_actions_move_comments_between_states(project, moderator, action, before, after):
    comment = CommentFactory(page=project, state=before)
    services.moderate_one(comment.pk, action, moderator, note="geprüft", reason="Spam")
    comment.refresh_from_db()
    assert comment.state == after
    entry = ModerationLogEntry.objects.get(comment=comment)
    assert (entry.moderator, entry.action, entry.from_state) == (moderator, action, before)
    assert "geprüft" in entry.note
    assert comment.moderator_note == "geprüft"


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("reject", S.PUBLISHED),
        ("hide", S.PENDING),
        ("remove", S.PENDING),
        ("restore", S.PUBLISHED),
        ("approve", S.DELETED_BY_AUTHOR),
        ("remove", S.DELETED_BY_AUTHOR),
    ],
)
def test_actions_that_do_not_fit_are_refused(project, moderator, action, state):
    comment = CommentFactory(page=project, state=state)
    with pytest.raises(Conflict) as refused:
        services.moderate_one(comment.pk, action, moderator, reason="x")
    assert refused.value.code == "invalid_transition"
    comment.refresh_from_db()
    assert comment.state == state
    assert not ModerationLogEntry.objects.exists()


def test_removal_needs_a_reason_shown_in_public(project, moderator):
    comment = CommentFactory(page=project)
    with pytest.raises(InvalidInput) as refused:
        services.moderate_one(comment.pk, "remove", moderator)
    assert refused.value.code == "reason_required"
    services.moderate_one(comment.pk, "remove", moderator, reason="Werbung")
    comment.refresh_from_db()
    assert (comment.state, comment.removal_reason) == (S.REMOVED, "Werbung")
    services.moderate_one(comment.pk, "restore", moderator)
    comment.refresh_from_db()
    assert (comment.state, comment.removal_reason) == (S.PUBLISHED, "")


def test_reviewing_resolves_the_reports(project, moderator, comment):
    Report.objects.create(comment=comment, participant_key="a" * 64, reason="spam")
    Comment.objects.filter(pk=comment.pk).update(state=S.HIDDEN)
    services.moderate_one(comment.pk, "approve", moderator)
    assert not Report.objects.filter(resolved=False).exists()
    assert Comment.objects.get(pk=comment.pk).state == S.PUBLISHED


def test_approving_a_reply_counts_it_in_its_thread(project, moderator, comment):
    pending = reply_to(comment, state=S.PENDING)
    comment.refresh_from_db()
    assert comment.reply_count == 0
    services.moderate([pending.pk], "approve", moderator)
    comment.refresh_from_db()
    assert comment.reply_count == 1


def test_bulk_moderation_skips_what_does_not_fit(project, moderator):
    pending = [CommentFactory(page=project, state=S.PENDING) for _ in range(3)]
    published = CommentFactory(page=project)
    result = services.moderate([c.pk for c in [*pending, published]], "reject", moderator)
    assert sorted(c.pk for c in result.changed) == sorted(c.pk for c in pending)
    assert [c.pk for c in result.skipped] == [published.pk]
    assert ModerationLogEntry.objects.count() == 3


def test_only_moderators_moderate(project, citizen):
    comment = CommentFactory(page=project, state=S.PENDING)
    with pytest.raises(Forbidden):
        services.moderate([comment.pk], "approve", citizen)
    assert Comment.objects.get(pk=comment.pk).state == S.PENDING


def test_pinning_official_top_level_answers(project, moderator, comment, settings):
    settings.COMMENTS_MAX_PINNED = 1
    staff = StaffUserFactory()
    answer = CommentFactory(page=project, author=staff, is_official=True)
    with pytest.raises(Conflict) as refused:
        services.moderate_one(comment.pk, "pin", moderator)
    assert refused.value.code == "not_pinnable"
    services.moderate_one(answer.pk, "pin", moderator)
    assert Comment.objects.get(pk=answer.pk).is_pinned
    second = CommentFactory(page=project, author=staff, is_official=True)
    with pytest.raises(Conflict) as refused:
        services.moderate_one(second.pk, "pin", moderator)
    assert refused.value.code == "too_many_pinned"
    services.moderate_one(answer.pk, "hide", moderator)
    assert not Comment.objects.get(pk=answer.pk).is_pinned


def test_a_moderator_who_leaves_stays_in_the_log_as_unknown(project):
    moderator = UserFactory(is_superuser=True, is_staff=True)
    comment = CommentFactory(page=project, state=S.PENDING)
    services.moderate([comment.pk], "approve", moderator)
    moderator.delete()
    entry = ModerationLogEntry.objects.get()
    assert entry.moderator is None and entry.action == "approve"
