"""Bad requests to the comments API get a clear problem+json answer and store nothing."""

import pytest
from django.test import Client

from comments.models import Comment, Report, Support
from tests.comments.helpers import api, logged_in, thread_url
from tests.factories import ProjectPageFactory


def test_malformed_json(citizen_client, project):
    response = citizen_client.post(
        thread_url(project), data=b"{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "malformed_json"
    assert not Comment.objects.exists()


def test_form_encoded_bodies_are_refused(citizen_client, project):
    response = citizen_client.post(thread_url(project), {"body": "Hallo"})
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [{}, {"body": 5}, {"body": "x", "author": "admin"}, {"body": None}, ["body"]],
)
def test_invalid_fields_are_named(citizen_client, project, payload):
    response, problem = api(citizen_client, "post", thread_url(project), payload)
    assert response.status_code == 400
    assert problem["code"] == "invalid_input"
    assert problem["errors"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "/api/v1/comments/pages/{page}", {"body": "Hallo"}),
        ("post", "/api/v1/comments/{comment}/replies", {"body": "Hallo"}),
        ("patch", "/api/v1/comments/{comment}", {"body": "Hallo"}),
        ("delete", "/api/v1/comments/{comment}", None),
        ("put", "/api/v1/comments/{comment}/support", None),
        ("delete", "/api/v1/comments/{comment}/support", None),
        ("post", "/api/v1/comments/{comment}/reports", {"reason": "spam"}),
    ],
)
def test_writes_without_the_csrf_token_are_refused(citizen, comment, method, path, data):
    client = logged_in(citizen, enforce_csrf_checks=True)
    url = path.format(page=comment.page_id, comment=comment.pk)
    response, problem = api(client, method, url, data)
    assert (response.status_code, problem["code"]) == (403, "csrf_failed")
    assert Comment.objects.count() == 1
    assert not Support.objects.exists() and not Report.objects.exists()


def test_anonymous_writes_need_the_csrf_token_too(project):
    project.comments_allow_anonymous = True
    project.save()
    client = Client(enforce_csrf_checks=True)
    response, problem = api(client, "post", thread_url(project), {"body": "Hallo"})
    assert (response.status_code, problem["code"]) == (403, "csrf_failed")
    # A headless client's way to the CSRF cookie (pages shared by anonymous visitors carry none).
    client.get("/_allauth/browser/v1/config")
    token = client.cookies["csrftoken"].value
    response, _body = api(
        client, "post", thread_url(project), {"body": "Hallo"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201


def test_forms_without_the_csrf_token_are_refused(citizen, project):
    client = logged_in(citizen, enforce_csrf_checks=True)
    response = client.post("/comments/post/", {"page": project.pk, "body": "Hallo"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_unknown_and_unpublished_pages(client, project_index):
    response, problem = api(client, "get", "/api/v1/comments/pages/999999")
    assert (response.status_code, problem["code"]) == (404, "page_not_found")
    draft = ProjectPageFactory(parent=project_index, live=False)
    response, problem = api(client, "get", thread_url(draft))
    assert response.status_code == 404
    form = client.post("/comments/post/", {"page": draft.pk, "body": "Hallo"})
    assert form.status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("patch", ""), ("delete", ""), ("put", "/support"), ("post", "/reports"), ("get", "/replies")],
)
def test_unknown_comments(citizen_client, method, suffix):
    data = {"body": "x"} if method == "patch" else {"reason": "spam"} if method == "post" else None
    response, problem = api(citizen_client, method, f"/api/v1/comments/999999{suffix}", data)
    assert (response.status_code, problem["code"]) == (404, "comment_not_found")


def test_the_api_never_shows_private_data(client, project, comment, citizen):
    api(logged_in(citizen), "put", f"/api/v1/comments/{comment.pk}/support")
    response = client.get(thread_url(project))
    text = response.content.decode()
    author = comment.author
    for secret in [author.email, author.username, "participant_key", "anonymous_key", "ip_hash"]:
        assert secret not in text
    assert Support.objects.get().participant_key not in text
