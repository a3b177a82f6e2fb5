"""Projects a citizen may or may not see, and events and notifications made directly."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from notifications.models import Event, EventKind, Notification
from tests.factories import DepartmentFactory, DistrictFactory, ProjectPageFactory, TopicFactory

_keys = itertools.count()


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Amt für Mobilität")


@pytest.fixture
def topic(db):
    return TopicFactory(name="Verkehr")


@pytest.fixture
def district(db):
    return DistrictFactory(name="Lobeda")


@pytest.fixture
def project(project_index, department, topic, district):
    page = ProjectPageFactory(
        parent=project_index, title="Radweg Saalbahnhof", department=department, district=district
    )
    page.topics.add(topic)
    page.save_revision().publish()
    return page


@pytest.fixture
def restricted_project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Geheime Planung")
    restrict(page, group="Fachbereich")
    return page


def restrict(page, group: str | None = None, password: str | None = None):
    if password:
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
        )
    if group:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name=group)[0])
        return restriction
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def notify(user, page=None, *, title="Neue Phase", read=False, kind=EventKind.PHASE_STARTED):
    """An event on ``page`` and the user's notification of it, as the fan-out leaves them."""
    event = Event.objects.create(
        kind=kind,
        key=f"test:{next(_keys)}",
        page=page,
        title=title,
        summary="Jetzt mitmachen.",
        url=(page.url if page is not None else "") or "",
        occurred_at=timezone.now(),
    )
    return Notification.objects.create(
        event=event, user=user, read_at=timezone.now() if read else None
    )
