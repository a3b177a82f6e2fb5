"""A deleted project, unit, topic or district takes its follows (and pending ones) along."""

import pytest

from notifications.models import Follow, PendingFollow, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def follows_of_everything(citizen, project, department, topic, district):
    subscriber = Subscriber.objects.create(email="a@example.org", confirmed_at="2026-12-01T10:00Z")
    for kind, obj in [
        ("project", project),
        ("department", department),
        ("topic", topic),
        ("district", district),
    ]:
        Follow.objects.create(user=citizen, target=kind, target_id=obj.pk)
        Follow.objects.create(subscriber=subscriber, target=kind, target_id=obj.pk)
    PendingFollow.objects.create(
        email="b@example.org", target="project", target_id=project.pk, token_hash="f" * 64
    )
    Follow.objects.create(user=citizen, target="newsletter", target_id=0)


def kinds_left() -> set[str]:
    return set(Follow.objects.values_list("target", flat=True))


def test_deleting_a_project_removes_its_follows(follows_of_everything, project):
    project.delete()
    assert kinds_left() == {"department", "topic", "district", "newsletter"}
    assert not PendingFollow.objects.exists()


def test_deleting_the_parent_page_removes_the_projects_follows(follows_of_everything, project):
    project.get_parent().delete()
    assert "project" not in kinds_left()


@pytest.mark.parametrize("kind", ["topic", "district"])
def test_deleting_reference_data_removes_its_follows(follows_of_everything, request, kind):
    obj = request.getfixturevalue(kind)
    obj.delete()
    assert kind not in kinds_left()
    assert len(kinds_left()) == 4


def test_deleting_a_unit_removes_its_follows(follows_of_everything, project, department):
    project.delete()
    department.delete()
    assert kinds_left() == {"topic", "district", "newsletter"}
