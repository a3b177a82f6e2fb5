"""The notification centre: my notifications, unread marked in text, read one or all, visibility."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.centre import unread_count, visible_notifications
from notifications.models import EventKind, Notification
from participation.page_access import PageAccess
from tests.factories import ProjectPageFactory, UserFactory
from tests.notifications.conftest import notify, restrict

pytestmark = pytest.mark.django_db

CENTRE = reverse("notifications:centre")


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(CENTRE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_list_says_what_happened_with_summary_date_link_newest_first_and_unread_in_text(
    signed_in, citizen, project
):
    old = notify(citizen, project, title="Phase 1", read=True)
    new = notify(citizen, project, title="Umfrage Radwege", kind=EventKind.RESULTS_PUBLISHED)
    old.event.occurred_at = new.event.occurred_at.replace(year=2025)
    old.event.save()
    page = BeautifulSoup(signed_in.get(CENTRE).content, "html.parser")
    items = page.select(".notification-list > li")
    assert [item.h2.get_text(" ", strip=True) for item in items] == [
        "Ungelesen: Ergebnisse sind veröffentlicht: Umfrage Radwege",
        "Eine neue Phase hat begonnen: Phase 1",
    ]
    assert items[0].select_one(f'a[href="{project.url}"]')
    assert f"Die Ergebnisse von „Umfrage Radwege“ im Projekt „{project.title}“" in items[0].text
    assert "Jetzt mitmachen." in items[0].get_text()
    assert items[0].time["datetime"].startswith(str(new.event.occurred_at.year))
    assert "1 ungelesene Benachrichtigung" in page.get_text()


def test_marking_one_and_all_read(signed_in, citizen, project):
    first, second, third = (notify(citizen, project, title=f"N{n}") for n in range(3))
    response = signed_in.post(reverse("notifications:mark_read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == CENTRE
    first.refresh_from_db()
    assert first.read_at is not None
    second.refresh_from_db()
    assert second.read_at is None
    signed_in.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=citizen, read_at__isnull=True).exists()
    assert third.pk


def test_marking_all_read_leaves_what_i_may_not_see_unread(signed_in, citizen, project):
    hidden = ProjectPageFactory(parent=project.get_parent(), title="Später geschützt")
    shown, kept = notify(citizen, project), notify(citizen, hidden)
    restriction = restrict(hidden, group="Fachbereich")
    signed_in.post(reverse("notifications:mark_all_read"))
    shown.refresh_from_db()
    kept.refresh_from_db()
    assert shown.read_at is not None and kept.read_at is None
    restriction.delete()
    # Open again, it comes back unread: the citizen has not seen it.
    assert unread_count(PageAccess(user=citizen)) == 1


def test_someone_elses_notification_cannot_be_marked(signed_in, project):
    other = notify(UserFactory(), project)
    response = signed_in.post(reverse("notifications:mark_read", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_a_project_restricted_later_drops_out_of_list_and_count(signed_in, citizen, project):
    notify(citizen, project, title="Sichtbar")
    hidden = ProjectPageFactory(parent=project.get_parent(), title="Später geschützt")
    notify(citizen, hidden, title="Bald unsichtbar")
    notify(citizen, None, title="Persönlich")
    access = PageAccess(user=citizen)
    assert unread_count(access) == 3
    restriction = restrict(hidden, group="Fachbereich")
    assert unread_count(access) == 2
    text = signed_in.get(CENTRE).content.decode()
    assert "Bald unsichtbar" not in text and "Sichtbar" in text and "Persönlich" in text
    # Back for a member of the group.
    citizen.groups.add(Group.objects.get(name="Fachbereich"))
    assert unread_count(PageAccess(user=citizen)) == 3
    restriction.delete()


@pytest.mark.parametrize("kind", ["login", "password", "unpublished", "other_site"])
def test_the_sql_rule_agrees_with_the_portals_rule(citizen, project, kind):
    page = ProjectPageFactory(parent=project.get_parent())
    notify(citizen, page)
    passed = []
    if kind == "login":
        restrict(page)
    elif kind == "password":
        passed = [restrict(page, password="geheim").pk]
    elif kind == "unpublished":
        page.unpublish()
    for access in (
        PageAccess(user=citizen),
        PageAccess(user=citizen, passed_restrictions=passed),
        PageAccess(user=citizen, site_root="00019999" if kind == "other_site" else None),
    ):
        page.refresh_from_db()
        expected = access.may_view(page)
        assert (visible_notifications(access).count() == 1) is expected, (kind, access)


def test_the_header_shows_the_unread_count_with_a_text_alternative(signed_in, citizen, project):
    notify(citizen, project)
    notify(citizen, project)
    page = BeautifulSoup(signed_in.get(project.url).content, "html.parser")
    link = page.select_one(f'.account-nav a[href="{CENTRE}"]')
    assert link.get_text(" ", strip=True) == "Benachrichtigungen 2 ungelesen"
    assert link.select_one(".visually-hidden").get_text(strip=True) == "ungelesen"


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum("notifications_notification" in query["sql"] for query in queries)


def test_the_header_count_costs_one_query_however_many_notifications(
    signed_in, citizen, project, project_index
):
    signed_in.get(project_index.url)  # the site mapping in the cache, as on a warm server
    notify(citizen, project)
    assert count_queries(signed_in, project_index.url) == 1
    for n in range(30):
        notify(citizen, project, title=f"N{n}")
    assert count_queries(signed_in, project_index.url) == 1


def test_the_centre_page_costs_a_fixed_number_of_queries(signed_in, citizen, project):
    for n in range(3):
        notify(citizen, project, title=f"N{n}")
    signed_in.get(CENTRE)
    with CaptureQueriesContext(connection) as few:
        signed_in.get(CENTRE)
    for n in range(15):
        notify(citizen, project, title=f"M{n}")
    with CaptureQueriesContext(connection) as many:
        signed_in.get(CENTRE)
    assert len(many) == len(few)
