"""Rate limits per account and per network, counted in Redis, answered with 429 and Retry-After."""

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import api, thread_url
from tests.factories import UserFactory


@pytest.fixture
def limits(settings):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "comment_per_account": "1/10s",
        "comment_per_account_daily": "3/d",
        "comment_per_ip": "100/h",
        "comment_report_per_account": "1/h",
        "comment_support_per_account": "100/h",
    }


def test_one_comment_per_ten_seconds(citizen_client, project, limits, time_machine):
    time_machine.move_to("2026-11-27 09:00:00+01:00", tick=False)
    first, _body = api(citizen_client, "post", thread_url(project), {"body": "Erster"})
    assert first.status_code == 201
    second, problem = api(citizen_client, "post", thread_url(project), {"body": "Zweiter"})
    assert (second.status_code, problem["code"]) == (429, "rate_limited")
    assert 1 <= int(second["Retry-After"]) <= 10
    assert Comment.objects.count() == 1


def test_the_form_answers_429_in_german_and_keeps_the_text(
    citizen_client, project, limits, time_machine
):
    time_machine.move_to("2026-11-27 09:00:00+01:00", tick=False)
    citizen_client.post("/comments/post/", {"page": project.pk, "body": "Erster"})
    response = citizen_client.post("/comments/post/", {"page": project.pk, "body": "Zweiter"})
    assert response.status_code == 429
    assert response["Retry-After"]
    html = response.content.decode()
    assert "Zu viele Anfragen" in html or "Bitte versuchen Sie es in" in html
    assert "Zweiter</textarea>" in html
    assert Comment.objects.count() == 1


def test_the_daily_cap(citizen_client, project, limits, settings, time_machine):
    # Frozen time keeps all four in one window (django-ratelimit offsets windows per key).
    time_machine.move_to("2026-11-27 09:00:00+01:00", tick=False)
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "comment_per_account": "100/m"}
    for number in range(3):
        response, _body = api(citizen_client, "post", thread_url(project), {"body": f"{number}"})
        assert response.status_code == 201
    response, problem = api(citizen_client, "post", thread_url(project), {"body": "Vierter"})
    assert (response.status_code, problem["code"]) == (429, "rate_limited")
    assert Comment.objects.count() == 3


def test_limits_per_network_hold_across_accounts(project, settings, time_machine):
    time_machine.move_to("2026-11-27 09:00:00+01:00", tick=False)
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "comment_per_ip": "2/h"}
    statuses = []
    for _ in range(3):
        client = Client(REMOTE_ADDR="198.51.100.7")
        client.force_login(UserFactory())
        response, _body = api(client, "post", thread_url(project), {"body": "Hallo"})
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]
    other_network = Client(REMOTE_ADDR="203.0.113.9")
    other_network.force_login(UserFactory())
    response, _body = api(other_network, "post", thread_url(project), {"body": "Hallo"})
    assert response.status_code == 201


def test_refused_comments_do_not_use_up_the_limit(citizen_client, project, limits):
    api(citizen_client, "post", thread_url(project), {"body": ""})
    response, _body = api(citizen_client, "post", thread_url(project), {"body": "Jetzt richtig"})
    assert response.status_code == 201


def test_reports_are_limited_too(citizen_client, project, limits, time_machine):
    time_machine.move_to("2026-11-27 09:00:00+01:00", tick=False)
    from tests.comments.factories import CommentFactory

    first, second = CommentFactory(page=project), CommentFactory(page=project)
    url = "/api/v1/comments/{}/reports"
    response, _body = api(citizen_client, "post", url.format(first.pk), {"reason": "spam"})
    assert response.status_code == 201
    response, problem = api(citizen_client, "post", url.format(second.pk), {"reason": "spam"})
    assert (response.status_code, problem["code"]) == (429, "rate_limited")
    assert second.reports.count() == 0
