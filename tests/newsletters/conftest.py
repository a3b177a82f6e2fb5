"""A small administration (as in tests/departments), followers, and a builder for newsletters."""

import pytest
from django.utils import timezone

from newsletters.models import Audience, Newsletter
from notifications.models import Follow, FollowTarget, Subscriber
from tests.departments.conftest import member, people, shared_tree, tree  # noqa: F401 - fixtures
from tests.factories import UserFactory


def make_newsletter(department=None, **fields) -> Newsletter:
    values = {
        "subject": "Neues aus der Beteiligung",
        "intro": "Was sich im Dezember tut.",
        "audience": Audience.SUBSCRIBERS,
        "body": [
            {
                "type": "text",
                "value": "<h2>Radwege</h2><p>Wir planen neue Radwege.</p>",
            }
        ],
    }
    values.update(fields)
    return Newsletter.objects.create(department=department, **values)


def subscriber(email, *targets):
    person = Subscriber.objects.create(email=email, confirmed_at=timezone.now())
    for target, target_id in targets:
        Follow.objects.create(subscriber=person, target=target, target_id=target_id)
    return person


def account(email, *targets, **fields):
    user = UserFactory(email=email, **fields)
    for target, target_id in targets:
        Follow.objects.create(user=user, target=target, target_id=target_id)
    return user


NEWSLETTER_LIST = (FollowTarget.NEWSLETTER, 0)


@pytest.fixture
def logged_in(client, people):  # noqa: F811
    def log_in(role):
        client.force_login(people[role])
        return client

    return log_in
