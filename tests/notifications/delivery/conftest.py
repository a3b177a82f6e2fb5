"""A public project with a unit under a Dezernat, a topic and a district, and its followers."""

import pytest
from django.test import RequestFactory

from notifications.models import Follow, FollowTarget, Subscriber
from tests.comments.helpers import open_project
from tests.factories import DepartmentFactory, DistrictFactory, TopicFactory, UserFactory
from web.participants import participant_from_request


def participant_for(user):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    request.user = user
    return participant_from_request(request)


def follow(user, target, target_id):
    return Follow.objects.create(user=user, target=target, target_id=target_id)


@pytest.fixture
def dezernat(db):
    return DepartmentFactory(name="Dezernat Bau", kind="dezernat")


@pytest.fixture
def project(project_index, dezernat):
    unit = DepartmentFactory(name="Fachbereich Verkehr", parent=dezernat)
    page = open_project(project_index, title="Radverkehr Innenstadt", slug="radverkehr")
    page.department = unit
    page.district = DistrictFactory(name="Lobeda")
    page.save()
    page.topics.add(TopicFactory(name="Mobilität"))
    page.save_revision().publish()
    return page


@pytest.fixture
def follower(project):
    user = UserFactory(display_name="Folgerin")
    follow(user, FollowTarget.PROJECT, project.pk)
    return user


@pytest.fixture
def subscriber(project):
    address = Subscriber.objects.create(
        email="besuch@example.org", confirmed_at="2026-12-01T10:00Z"
    )
    Follow.objects.create(subscriber=address, target=FollowTarget.PROJECT, target_id=project.pk)
    return address


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what the code queues on commit (events, fan-out, sending) at the block's end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
