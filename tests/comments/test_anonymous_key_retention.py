"""Anonymous authors' browser keys are retired some time after their comment was decided."""

import datetime

import pytest
from django.utils import timezone

from comments.models import (
    RETIRED_ANONYMOUS_KEY,
    Comment,
    CommentState,
    ModerationAction,
    ModerationLogEntry,
)
from comments.periodic_jobs import retire_anonymous_keys
from comments.presentation import author_out, is_mine
from participation.participants import Participant, TokenState
from scheduling import registry
from tests.comments.factories import CommentFactory

DAY = datetime.timedelta(days=1)
BROWSER = Participant(
    user=None, anonymous_token="old-browser", token_state=TokenState.VALID, ip_hash="x"
)


@pytest.fixture
def retention(settings):
    settings.PORTAL_RETENTION = {**settings.PORTAL_RETENTION, "anonymous_comment_keys": 30 * DAY}


def anonymous_comment(page, state, written_ago, decided_ago=None):
    comment = CommentFactory(page=page, author=None, anonymous_key=BROWSER.key, state=state)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - written_ago)
    if decided_ago is not None:
        ModerationLogEntry.objects.create(
            comment=comment,
            action=ModerationAction.APPROVE,
            from_state=CommentState.PENDING,
            created_at=timezone.now() - decided_ago,
        )
    return comment


def key_of(comment):
    return Comment.objects.get(pk=comment.pk).anonymous_key


def test_decided_comments_are_unlinked_after_the_period_and_the_rest_kept(project, retention):
    decided_long_ago = anonymous_comment(project, CommentState.PUBLISHED, 40 * DAY, 31 * DAY)
    decided_recently = anonymous_comment(project, CommentState.PUBLISHED, 40 * DAY, 10 * DAY)
    rejected_without_log = anonymous_comment(project, CommentState.REJECTED, 31 * DAY)
    still_waiting = anonymous_comment(project, CommentState.PENDING, 60 * DAY)
    registered = CommentFactory(page=project)

    assert retire_anonymous_keys() == 2

    assert key_of(decided_long_ago) == RETIRED_ANONYMOUS_KEY
    assert key_of(rejected_without_log) == RETIRED_ANONYMOUS_KEY
    assert key_of(decided_recently) == BROWSER.key
    assert key_of(still_waiting) == BROWSER.key
    assert key_of(registered) == ""
    assert retire_anonymous_keys() == 0


def test_a_retired_comment_stays_anonymous_but_is_nobody_s(project, retention):
    comment = anonymous_comment(project, CommentState.PUBLISHED, 40 * DAY, 31 * DAY)
    assert is_mine(BROWSER, comment)

    retire_anonymous_keys()

    comment = Comment.objects.get(pk=comment.pk)
    assert comment.is_anonymous
    assert comment.author_name == "Anonym"
    comment.placeholder = ""
    assert author_out(comment)["kind"] == "anonymous"
    assert not is_mine(BROWSER, comment)


def test_the_job_runs_daily():
    assert registry.get_job("comments.retire_anonymous_keys").every == DAY
