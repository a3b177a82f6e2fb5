"""The follows and notifications API: the same rules as the pages, problems naming the field."""

import json

import pytest
from django.test import Client

from notifications.models import EventKind, Follow, Frequency, NotificationSettings
from tests.factories import ProjectPageFactory, UserFactory
from tests.notifications.conftest import notify, restrict

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def api(citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    client.get("/_allauth/browser/v1/config")
    token = client.cookies["csrftoken"].value

    def call(method, url, data=None):
        kwargs = {"HTTP_X_CSRFTOKEN": token, "content_type": "application/json"}
        if data is not None:
            kwargs["data"] = json.dumps(data)
        response = getattr(client, method)(url, **kwargs)
        body = json.loads(response.content) if response.content else None
        return response, body

    return call


def test_follow_list_and_unfollow(api, citizen, project, topic):
    response, body = api("post", "/api/v1/follows/", {"target": "project", "target_id": project.pk})
    assert response.status_code == 201
    assert body["label"] == "Radweg Saalbahnhof" and body["url"] == project.url
    response, _body = api(
        "post", "/api/v1/follows/", {"target": "project", "target_id": project.pk}
    )
    assert response.status_code == 200
    api("post", "/api/v1/follows/", {"target": "topic", "target_id": topic.pk})
    response, body = api("get", "/api/v1/follows/")
    assert response["Cache-Control"] == "private, no-store"
    assert {(item["target"], item["label"]) for item in body} == {
        ("project", "Radweg Saalbahnhof"),
        ("topic", "Verkehr"),
    }
    response, _body = api("delete", f"/api/v1/follows/project/{project.pk}")
    assert response.status_code == 204
    assert list(Follow.objects.values_list("target", flat=True)) == ["topic"]


def test_anonymous_gets_401_problems(client, project):
    for method, url in [
        ("get", "/api/v1/follows/"),
        ("post", "/api/v1/follows/"),
        ("delete", f"/api/v1/follows/project/{project.pk}"),
        ("get", "/api/v1/notifications/"),
        ("post", "/api/v1/notifications/read"),
        ("get", "/api/v1/notifications/settings"),
    ]:
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 401, (method, url)
        assert response["Content-Type"] == PROBLEM


def test_hidden_and_unknown_targets_are_404(api, restricted_project):
    for target_id in (restricted_project.pk, 987654):
        response, body = api(
            "post", "/api/v1/follows/", {"target": "project", "target_id": target_id}
        )
        assert response.status_code == 404 and body["code"] == "target_not_found"
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"target": "vorhaben", "target_id": 1}, "target"),
        ({"target": "project", "target_id": -1}, "target_id"),
        ({"target": "project", "target_id": "x"}, "target_id"),
        ({"target": "project"}, "target_id"),
        ({"target": "project", "target_id": 1, "extra": 1}, "extra"),
    ],
)
def test_bad_input_names_the_field(api, payload, field):
    response, body = api("post", "/api/v1/follows/", payload)
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert [error["field"] for error in body["errors"]] == [field]


def test_a_bad_kind_in_the_path_names_the_field(api):
    response, body = api("delete", "/api/v1/follows/vorhaben/1")
    assert response.status_code == 400 and body["errors"][0]["field"] == "target"


def test_unconfirmed_address_is_403(project):
    client = Client()
    client.force_login(UserFactory(verified=False))
    response = client.post(
        "/api/v1/follows/",
        {"target": "project", "target_id": project.pk},
        content_type="application/json",
    )
    assert response.status_code == 403 and json.loads(response.content)["code"] == (
        "email_not_verified"
    )


def test_notifications_paged_with_unread_count_and_visibility(api, citizen, project):
    for n in range(23):
        notify(citizen, project, title=f"N{n}", read=n < 3)
    hidden = notify(citizen, ProjectPageFactory(parent=project.get_parent()), title="Geschützt")
    restrict(hidden.event.page, group="Fachbereich")
    response, body = api("get", "/api/v1/notifications/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert (body["unread"], body["count"], body["pages"], len(body["items"])) == (20, 23, 2, 20)
    assert "Geschützt" not in json.dumps(body)
    item = body["items"][0]
    assert set(item["event"]) == {
        "kind",
        "subject",
        "lead",
        "title",
        "summary",
        "url",
        "occurred_at",
    }
    # The sentence says what happened, in the request's language.
    assert item["event"]["subject"] == f"Eine neue Phase hat begonnen: {item['event']['title']}"
    _response, second = api("get", "/api/v1/notifications/?page=2")
    assert len(second["items"]) == 3


def test_mark_one_and_all_read(api, citizen, project):
    first, _second = notify(citizen, project), notify(citizen, project)
    response, _body = api("post", f"/api/v1/notifications/{first.pk}/read")
    assert response.status_code == 204
    assert api("get", "/api/v1/notifications/")[1]["unread"] == 1
    assert api("post", "/api/v1/notifications/read")[0].status_code == 204
    assert api("get", "/api/v1/notifications/")[1]["unread"] == 0


def test_someone_elses_notification_is_404(api, project):
    other = notify(UserFactory(), project)
    response, _body = api("post", f"/api/v1/notifications/{other.pk}/read")
    assert response.status_code == 404


def test_settings_read_and_replace(api, citizen):
    response, body = api("get", "/api/v1/notifications/settings")
    assert body == {"muted_events": [], "frequency": "immediately"}
    response, body = api(
        "put", "/api/v1/notifications/settings", {"muted_events": ["news"], "frequency": "weekly"}
    )
    assert response.status_code == 200
    saved = NotificationSettings.objects.get(user=citizen)
    assert (saved.muted_events, saved.frequency) == ([EventKind.NEWS], Frequency.WEEKLY)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"muted_events": ["nope"], "frequency": "weekly"}, "muted_events.0"),
        ({"muted_events": [], "frequency": "hourly"}, "frequency"),
    ],
)
def test_bad_settings_name_the_field_and_store_nothing(api, citizen, payload, field):
    response, body = api("put", "/api/v1/notifications/settings", payload)
    assert response.status_code == 400
    assert [error["field"] for error in body["errors"]] == [field]
    assert not NotificationSettings.objects.filter(user=citizen).exists()


def test_writes_need_the_csrf_token(citizen, project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(
        "/api/v1/follows/",
        {"target": "project", "target_id": project.pk},
        content_type="application/json",
    )
    assert response.status_code == 403 and not Follow.objects.exists()
