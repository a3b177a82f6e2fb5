"""Two workers fan out the same event at once on real PostgreSQL: one notification and one
mail per recipient."""

import uuid

import pytest
from django.utils import timezone

from notifications.fanout import fan_out
from notifications.models import Delivery, Event, EventKind, FollowTarget, Notification
from tests.concurrency import run_together
from tests.factories import UserFactory
from tests.notifications.delivery.conftest import follow

pytestmark = pytest.mark.django_db(transaction=True)

FOLLOWERS = 60
WORKERS = 4


def test_concurrent_fan_outs_notify_each_follower_once(project, settings):
    # Nothing sends here: the rows stay queued so that they can be counted.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for _ in range(FOLLOWERS):
        follow(UserFactory(), FollowTarget.PROJECT, project.pk)
    event = Event.objects.create(
        kind=EventKind.NEWS,
        key=f"news:{uuid.uuid4()}",
        page=project,
        title="Gleichzeitig",
        occurred_at=timezone.now(),
    )

    outcomes = run_together(WORKERS, lambda _index: fan_out(event.pk, batch_size=7))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert Notification.objects.filter(event=event).count() == FOLLOWERS
    assert Delivery.objects.count() == FOLLOWERS
    assert Notification.objects.values("user").distinct().count() == FOLLOWERS
