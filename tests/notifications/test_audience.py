"""The audience of several targets: each follower once, in id order, in batches."""

import pytest
from django.contrib.auth import get_user_model

from notifications.audience import subscriber_ids, user_ids
from notifications.models import Follow, FollowTarget, Subscriber

pytestmark = pytest.mark.django_db


def make_users(count):
    User = get_user_model()
    return [
        User.objects.create_user(f"u{i}@example.org", f"u{i}@example.org") for i in range(count)
    ]


def test_a_follower_of_project_and_department_comes_once_in_batches():
    users = make_users(5)
    for user in users:
        Follow.objects.create(user=user, target=FollowTarget.PROJECT, target_id=7)
    for user in users[:3]:
        Follow.objects.create(user=user, target=FollowTarget.DEPARTMENT, target_id=2)
    # Follows of other targets stay out.
    Follow.objects.create(user=users[0], target=FollowTarget.PROJECT, target_id=8)
    targets = [(FollowTarget.PROJECT, 7), (FollowTarget.DEPARTMENT, 2)]

    batches = list(user_ids(targets, batch_size=2))

    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert [pk for batch in batches for pk in batch] == sorted(user.pk for user in users)


def test_subscribers_and_no_targets():
    subscriber = Subscriber.objects.create(email="a@example.org", confirmed_at="2026-12-01T10:00Z")
    Follow.objects.create(subscriber=subscriber, target=FollowTarget.PROJECT, target_id=7)
    Follow.objects.create(user=make_users(1)[0], target=FollowTarget.PROJECT, target_id=7)

    assert list(subscriber_ids([(FollowTarget.PROJECT, 7)])) == [[subscriber.pk]]
    assert list(user_ids([])) == []
