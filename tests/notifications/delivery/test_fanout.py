"""Fan-out: the audience of a project, the citizens' settings, exactly once when run again."""

import uuid
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageViewRestriction

from notifications.fanout import fan_out, fan_out_pending
from notifications.models import (
    Delivery,
    Event,
    EventKind,
    FollowTarget,
    Frequency,
    Notification,
    NotificationSettings,
)
from pages.events import news_published
from tests.factories import UserFactory
from tests.news.conftest import add_news
from tests.notifications.delivery.conftest import follow

pytestmark = pytest.mark.django_db


def news_event(project, **kwargs):
    return Event.objects.create(
        kind=EventKind.NEWS,
        key=f"news:{uuid.uuid4()}",
        page=project,
        title="Baustart im Mai",
        occurred_at=timezone.now(),
        **kwargs,
    )


def test_followers_of_the_unit_above_topic_and_district_hear_of_the_project(project, dezernat):
    unit, topic = project.department, project.topics.get()
    reached = {
        "project": follow(UserFactory(), FollowTarget.PROJECT, project.pk).user,
        "unit": follow(UserFactory(), FollowTarget.DEPARTMENT, unit.pk).user,
        "dezernat": follow(UserFactory(), FollowTarget.DEPARTMENT, dezernat.pk).user,
        "topic": follow(UserFactory(), FollowTarget.TOPIC, topic.pk).user,
        "district": follow(UserFactory(), FollowTarget.DISTRICT, project.district_id).user,
    }
    both = reached["project"]
    follow(both, FollowTarget.TOPIC, topic.pk)
    follow(UserFactory(), FollowTarget.PROJECT, project.pk + 1000)  # another project

    event = news_event(project)
    fan_out(event.pk, batch_size=2)

    assert set(Notification.objects.values_list("user", flat=True)) == {
        user.pk for user in reached.values()
    }
    assert Delivery.objects.count() == 5
    event.refresh_from_db()
    assert event.fanned_out_at is not None


def test_a_second_run_adds_nothing(project, follower, subscriber):
    event = news_event(project)
    fan_out(event.pk)
    Event.objects.filter(pk=event.pk).update(fanned_out_at=None)  # as if the task was retried
    fan_out(event.pk)
    assert Notification.objects.count() == 2
    assert sorted(Delivery.objects.values_list("key", flat=True)) == [
        f"notify:{event.pk}:s{subscriber.pk}",
        f"notify:{event.pk}:u{follower.pk}",
    ]


def test_settings_muted_digest_and_never(project):
    users = {}
    for name, choice in {
        "muted": {"muted_events": [EventKind.NEWS], "frequency": Frequency.IMMEDIATELY},
        "daily": {"frequency": Frequency.DAILY},
        "never": {"frequency": Frequency.NEVER},
        "at_once": {"muted_events": [EventKind.REPLY], "frequency": Frequency.IMMEDIATELY},
    }.items():
        users[name] = UserFactory()
        NotificationSettings.objects.create(user=users[name], **choice)
        follow(users[name], FollowTarget.PROJECT, project.pk)
    fan_out(news_event(project).pk)
    notified = set(Notification.objects.values_list("user", flat=True))
    assert notified == {users["daily"].pk, users["never"].pk, users["at_once"].pk}
    assert [row.to for row in Delivery.objects.all()] == [users["at_once"].email]


def test_unverified_addresses_get_the_centre_only(project):
    user = UserFactory(verified=False)
    follow(user, FollowTarget.PROJECT, project.pk)
    fan_out(news_event(project).pk)
    assert Notification.objects.filter(user=user).exists()
    assert not Delivery.objects.exists()


def test_a_restricted_project_fans_out_to_nobody(project, follower):
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    event = news_event(project)
    fan_out(event.pk)
    assert not Notification.objects.exists()
    event.refresh_from_db()
    assert event.fanned_out_at is not None


def test_the_periodic_job_runs_what_no_task_ran(project, follower):
    stale = news_event(project)
    Event.objects.filter(pk=stale.pk).update(
        occurred_at=timezone.now() - timezone.timedelta(hours=1)
    )
    fan_out_pending()
    assert Notification.objects.filter(event=stale, user=follower).exists()


def test_an_editor_publishing_a_news_post_mails_each_follower_once(
    project, follower, subscriber, on_commit
):
    # End to end: the editor's post, pages' once-only announcement, the event, the mail.
    with on_commit():
        post = add_news(project, "Baustart", body="<p>Es geht los</p>")
    with on_commit():
        project.refresh_from_db()
        project.save_revision().publish()  # published again: no second announcement
    event = Event.objects.get()
    assert (event.kind, event.key, event.summary) == (
        EventKind.NEWS,
        f"news:{post.key}",
        "Es geht los",
    )
    assert event.url.endswith(f"#neuigkeit-{post.key}")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [follower.email, subscriber.email]
    )


def test_news_of_a_restricted_project_is_no_event(project, follower, on_commit):
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    news = SimpleNamespace(pk=1, key=uuid.uuid4(), title="x", date=None, body="")
    with on_commit():
        news_published.send_robust(sender=None, page=project, news=news)
    assert not Event.objects.exists()
