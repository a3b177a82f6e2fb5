"""Concurrent supports, reports and replies on real PostgreSQL: counters stay exact."""

import pytest
from django.test import RequestFactory

from comments import services
from comments.models import THREAD_STATE_VALUES, Comment, CommentState, Report, Support
from participation.refusals import Conflict
from tests.comments.factories import CommentFactory
from tests.comments.helpers import open_project
from tests.concurrency import run_together
from tests.factories import UserFactory
from web.participants import participant_from_request

# Real transactions: the threads must see each other's commits. Each test
# ends with a flush of all tables; the page fixtures put Wagtail's root back.
pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16


def participant_for(user):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    request.user = user
    return participant_from_request(request)


def supporting(comment, user, page):
    return services.support(comment.pk, participant_for(user), page=page)


def reporting(comment, user, page, reason):
    return services.report(comment.pk, participant_for(user), page=page, reason=reason)


def recounted_replies(comment_id) -> int:
    """Replies below a comment that have a place in the thread, counted the slow way."""
    children = Comment.objects.filter(parent_id=comment_id)
    return sum(
        (1 if child.state in THREAD_STATE_VALUES else 0) + recounted_replies(child.pk)
        for child in children
    )


def assert_counters_exact(page):
    for comment in Comment.objects.for_page(page):
        assert comment.support_count == comment.supports.count(), comment
        assert comment.reply_count == recounted_replies(comment.pk), comment


@pytest.fixture
def project(project_index):
    return open_project(project_index, slug="gleichzeitig")


@pytest.fixture
def supporters(db):
    return [UserFactory() for _ in range(THREADS)]


def test_simultaneous_supports_from_many_people_are_all_counted(project, supporters):
    comment = CommentFactory(page=project)
    outcomes = run_together(
        THREADS,
        lambda i: services.support(comment.pk, participant_for(supporters[i]), page=project),
    )
    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    comment.refresh_from_db()
    assert comment.support_count == Support.objects.filter(comment=comment).count() == THREADS


def test_simultaneous_supports_from_one_person_count_once(project, supporters):
    comment = CommentFactory(page=project)
    user = supporters[0]
    outcomes = run_together(
        THREADS, lambda i: services.support(comment.pk, participant_for(user), page=project)
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert len(refused) == THREADS - 1
    assert {problem.code for problem in refused} == {"already_supported"}
    comment.refresh_from_db()
    assert comment.support_count == Support.objects.filter(comment=comment).count() == 1


def test_simultaneous_reports_hide_the_comment_exactly_at_the_threshold(
    project, supporters, settings
):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    comment = CommentFactory(page=project)
    outcomes = run_together(
        THREADS,
        lambda i: services.report(
            comment.pk, participant_for(supporters[i]), page=project, reason="spam"
        ),
    )
    accepted = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert len(accepted) == 3 and len(refused) == THREADS - 3
    assert {problem.code for problem in refused} == {"not_published"}
    comment.refresh_from_db()
    assert comment.state == CommentState.HIDDEN
    assert comment.moderation_log.filter(action="auto_hide").count() == 1


def test_one_person_reporting_twice_at_once_is_stored_once(project, supporters):
    comment = CommentFactory(page=project)
    user = supporters[0]
    outcomes = run_together(
        8,
        lambda i: services.report(comment.pk, participant_for(user), page=project, reason="insult"),
    )
    assert sum(isinstance(outcome, Report) for outcome in outcomes) == 1
    assert Report.objects.filter(comment=comment).count() == 1


def test_counters_match_a_recount_after_mixed_concurrent_work(project, supporters):
    root = CommentFactory(page=project)
    middle = services.reply(root.pk, participant_for(supporters[0]), page=project, body="Mitte")

    def work(index):
        participant = participant_for(supporters[index])
        if index % 4 == 0:
            return services.reply(root.pk, participant, page=project, body=f"Antwort {index}")
        if index % 4 == 1:
            return services.reply(middle.pk, participant, page=project, body=f"Tiefer {index}")
        target = root if index % 2 else middle
        services.support(target.pk, participant, page=project)
        if index % 4 == 3:
            return services.unsupport(target.pk, participant, page=project)
        return None

    outcomes = run_together(THREADS, work)
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert_counters_exact(project)
    root.refresh_from_db()
    assert root.reply_count == 1 + THREADS // 2
