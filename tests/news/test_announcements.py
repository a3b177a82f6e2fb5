"""Each news post is announced once, when it becomes public (pages.news_announcements)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.events import news_published
from pages.models import NewsAnnouncement
from pages.news_announcements import announce_due_news, claim
from scheduling.registry import get_job
from tests.news.conftest import add_news, days

pytestmark = pytest.mark.django_db


def test_publishing_a_post_announces_it_once(
    project, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = add_news(project, "Der Bauantrag ist gestellt")
    with django_capture_on_commit_callbacks(execute=True):
        project.refresh_from_db()
        project.save_revision().publish()

    assert announced == [(project.pk, post.key, "Der Bauantrag ist gestellt")]


def test_a_post_edited_later_is_not_announced_again(
    project, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = add_news(project, "Erster Entwurf")
    project.refresh_from_db()
    edited = project.news.get()
    edited.title = "Erster Entwurf (korrigiert)"
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()

    assert project.news.get().key == post.key
    assert [title for _, _, title in announced] == ["Erster Entwurf"]


def test_the_job_run_twice_announces_once(project, announced, django_capture_on_commit_callbacks):
    # A draft is not public: publishing is what the job then finds.
    add_news(project, "Ergebnisse online", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        project.get_latest_revision().publish()
    announced.clear()
    NewsAnnouncement.objects.all().delete()

    job = get_job("pages.announce_due_news")
    with django_capture_on_commit_callbacks(execute=True):
        first = job.func()
    with django_capture_on_commit_callbacks(execute=True):
        second = job.func()

    assert (first, second) == (1, 0)
    assert [title for _, _, title in announced] == ["Ergebnisse online"]
    assert job.every == datetime.timedelta(hours=1)


def test_a_second_worker_loses_the_claim(project, announced, django_capture_on_commit_callbacks):
    add_news(project, "Zweimal gesehen", publish=False)
    project.get_latest_revision().publish()
    NewsAnnouncement.objects.all().delete()
    post = project.news.get()

    assert claim(post) is True
    assert claim(post) is False
    assert NewsAnnouncement.objects.filter(key=post.key).count() == 1


def test_a_future_post_is_announced_by_the_job_once_its_date_has_come(
    project, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = add_news(project, "Baubeginn", date=days(3))
    assert announced == []
    with django_capture_on_commit_callbacks(execute=True):
        assert announce_due_news() == 0

    the_day = timezone.make_aware(datetime.datetime.combine(days(3), datetime.time(8)))
    the_day_before = the_day - datetime.timedelta(days=1)
    with (
        time_machine.travel(the_day_before, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert announce_due_news() == 0
    with time_machine.travel(the_day, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert announce_due_news() == 1
        assert announce_due_news() == 0

    assert announced == [(project.pk, post.key, "Baubeginn")]


@pytest.mark.parametrize("kind", ["login", "groups", "password"])
def test_a_restricted_project_announces_nothing(
    project, announced, django_capture_on_commit_callbacks, kind
):
    restriction = PageViewRestriction.objects.create(
        page=project.get_parent(), restriction_type=kind, password="geheim"
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Ortsteilrat"))
    with django_capture_on_commit_callbacks(execute=True):
        add_news(project, "Nur für wenige")
        announce_due_news()

    assert announced == []
    assert not NewsAnnouncement.objects.exists()


def test_unpublished_and_practice_projects_announce_nothing(
    project, practice_project, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_news(practice_project, "Geübt")
        add_news(project, "Entwurf", publish=False)
        project.unpublish()
        announce_due_news()

    assert announced == []


def test_a_broken_receiver_does_not_break_publishing(
    project, announced, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("Empfänger kaputt")

    news_published.connect(broken, weak=False, dispatch_uid="tests-news-broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            add_news(project, "Trotzdem veröffentlicht")
    finally:
        news_published.disconnect(dispatch_uid="tests-news-broken")

    assert [title for _, _, title in announced] == ["Trotzdem veröffentlicht"]
