"""Pages take comments by inheriting DiscussionMixin; a cached snapshot is a target too."""

import datetime

from django.utils import timezone

from comments import rules
from comments.caching import PageSnapshot
from comments.mixins import DiscussionMixin, commentable_models, commentable_page_models
from pages.models import ProjectPage


def test_the_commentable_models_are_the_subclasses_of_the_mixin():
    assert commentable_models() == (ProjectPage,)
    assert commentable_page_models() == (ProjectPage,)


def test_a_page_without_the_mixin_takes_no_comments(home_page):
    assert not isinstance(home_page, DiscussionMixin)
    assert not rules.is_commentable(home_page)
    assert not rules.discussion_open(home_page)


def test_the_snapshot_answers_the_rules_as_its_page_does(project):
    snapshot = PageSnapshot.of(project, epoch=1)
    today = timezone.localdate()
    for day in (today, today + datetime.timedelta(days=30)):
        assert rules.discussion_open(snapshot, day) == rules.discussion_open(project, day)
    assert rules.is_commentable(snapshot)
    assert rules.pre_moderated(snapshot) == rules.pre_moderated(project)
    assert rules.anonymous_allowed(snapshot) == rules.anonymous_allowed(project)


def test_a_target_without_a_schedule_is_open_while_enabled(project):
    project.participation_periods = lambda: None
    project.comments_follow_phases = True
    assert rules.discussion_open(project, datetime.date(2000, 1, 1))
    project.comments_enabled = False
    assert not rules.discussion_open(project)
