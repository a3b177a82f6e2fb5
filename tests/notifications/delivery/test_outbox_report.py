"""The outbox report: the team sees failed and retrying mails and sends one again; others do not."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail

from departments.models import DepartmentGroup, Role
from notifications.models import Delivery, DeliveryKind, DeliveryStatus
from tests.comments.helpers import logged_in
from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/cms/mail-outbox/"


@pytest.fixture
def failed(follower, project):
    import uuid

    from django.utils import timezone

    from notifications.models import Event, EventKind

    event = Event.objects.create(
        kind=EventKind.NEWS,
        key="news:x",
        page=project,
        title="Baustart",
        occurred_at=timezone.now(),
    )
    return Delivery.objects.create(
        key=f"notify:{event.pk}:u{follower.pk}:{uuid.uuid4()}",
        kind=DeliveryKind.NOTIFICATION,
        reference={"event": event.pk, "user": follower.pk},
        to=follower.email,
        status=DeliveryStatus.FAILED,
        attempts=8,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )


def team_member():
    user = UserFactory(is_staff=True)
    user.groups.add(DepartmentGroup.objects.get(role=Role.TEAM, department=None).group)
    return user


def test_the_team_sees_failed_mails_with_their_error(failed):
    response = logged_in(team_member()).get(URL)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    row = html.select_one(f'tr[data-delivery="{failed.pk}"]')
    assert "SMTPServerDisconnected" in row.get_text()
    assert "fehlgeschlagen" in row.get_text().lower() or "failed" in row.get_text().lower()
    assert html.select_one("h2").get_text(strip=True) == "E-Mails nach Status"


def test_retry_sends_the_mail_again(failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(StaffUserFactory()).post(URL, {"delivery": failed.pk})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox] == [[failed.to]]


def test_other_staff_are_refused(failed):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert logged_in(editor).get(URL).status_code in (302, 403)
    assert logged_in(editor).post(URL, {"delivery": failed.pk}).status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.FAILED
