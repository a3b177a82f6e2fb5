"""Writing a top-level comment: who may, in which state it starts, what is refused."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from comments.models import Comment, CommentState
from comments.moderation import CommentModeration
from tests.comments.helpers import api, logged_in, thread_url
from tests.factories import StaffUserFactory


def post_form(client, page, **data):
    return client.post("/comments/post/", {"page": page.pk, **data})


def test_citizen_posts_and_is_redirected_to_the_comment(citizen_client, citizen, project):
    response = post_form(citizen_client, project, body="Mehr Fahrradbügel am Markt!")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projekte/radverkehr/#comment-{comment.pk}"
    assert (comment.author, comment.state, comment.depth) == (citizen, "published", 1)
    assert comment.body == "Mehr Fahrradbügel am Markt!"
    page = BeautifulSoup(citizen_client.get(response["Location"]).content, "html.parser")
    assert "Ihr Beitrag wurde veröffentlicht." in page.select_one(".messages").get_text()
    article = page.select_one(f"#comment-{comment.pk}")
    assert article.select_one(".comment__author").get_text() == "Radlerin"
    assert article.select_one("time")["datetime"]


def test_api_create_returns_the_comment(citizen_client, project):
    response, body = api(
        citizen_client, "post", thread_url(project), {"body": "Tempo 30 in der Innenstadt"}
    )
    assert response.status_code == 201
    assert body["state"] == "published"
    assert body["author"] == {"name": "Radlerin", "kind": "registered"}
    assert body["body"] == "Tempo 30 in der Innenstadt"
    assert body["is_mine"] is True
    assert body["editable_until"]


def test_pre_moderated_comments_wait_for_approval(citizen_client, project):
    project.comments_moderation = CommentModeration.PRE
    project.save()
    response = post_form(citizen_client, project, body="Bitte prüfen")
    assert response.status_code == 302
    assert response["Location"].endswith("#comments")
    assert Comment.objects.get().state == CommentState.PENDING
    page = citizen_client.get(project.url).content.decode()
    assert "sobald die Moderation ihn geprüft hat" in page
    assert "Wartet auf Freigabe, nur für Sie sichtbar" in page


def test_anonymous_comments_are_always_pending(client, project):
    project.comments_allow_anonymous = True
    project.save()
    response, body = api(client, "post", thread_url(project), {"body": "Ohne Konto"})
    assert response.status_code == 201
    assert body["state"] == "pending"
    assert body["author"] == {"name": "Anonym", "kind": "anonymous"}
    comment = Comment.objects.get()
    assert comment.author is None and len(comment.anonymous_key) == 64
    # The browser got its participant cookie, so it sees its own pending comment.
    assert "portal_participant" in response.cookies
    _response, thread = api(client, "get", thread_url(project))
    assert [c["id"] for c in thread["own_pending"]] == [comment.pk]
    assert thread["comments"] == []
    _response, stranger = api(Client(), "get", thread_url(project))
    assert stranger["own_pending"] == [] and stranger["comment_count"] == 0


def test_anonymous_where_not_allowed(client, project):
    response, body = api(client, "post", thread_url(project), {"body": "Hallo"})
    assert (response.status_code, body["code"]) == (403, "anonymous_not_allowed")
    response = post_form(client, project, body="Hallo")
    assert response.status_code == 403
    assert "Bitte melden Sie sich an, um mitzudiskutieren." in response.content.decode()
    assert not Comment.objects.exists()


def test_unverified_email_is_refused(unverified, project):
    response, body = api(logged_in(unverified), "post", thread_url(project), {"body": "Hallo"})
    assert (response.status_code, body["code"]) == (403, "email_not_verified")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "settings_change",
    [
        {"comments_enabled": False},
        {"comments_follow_phases": True, "phase_offset_days": 30},
    ],
)
def test_closed_discussions_refuse_comments(citizen_client, project, settings_change):
    offset = settings_change.pop("phase_offset_days", None)
    if offset:
        phase = project.phases.get()
        phase.start_date += datetime.timedelta(days=offset)
        phase.end_date += datetime.timedelta(days=offset)
        phase.save()
    for name, value in settings_change.items():
        setattr(project, name, value)
    project.save()
    response, body = api(citizen_client, "post", thread_url(project), {"body": "Zu spät"})
    assert (response.status_code, body["code"]) == (403, "comments_closed")
    assert body["detail"] == "Die Diskussion ist geschlossen."
    html = post_form(citizen_client, project, body="Zu spät")
    assert html.status_code == 403
    soup = BeautifulSoup(html.content, "html.parser")
    assert soup.select_one(".discussion__refusal").get_text() == "Die Diskussion ist geschlossen."
    assert soup.select_one('form[action="/comments/post/"]') is None
    assert not Comment.objects.exists()


def test_without_following_phases_the_discussion_stays_open(citizen_client, project):
    phase = project.phases.get()
    phase.start_date -= datetime.timedelta(days=100)
    phase.end_date -= datetime.timedelta(days=100)
    phase.save()
    project.comments_follow_phases = False
    project.save()
    response, _body = api(citizen_client, "post", thread_url(project), {"body": "Noch offen"})
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ("", "body_empty", "Bitte schreiben Sie einen Beitrag."),
        ("   \n\t  ", "body_empty", "Bitte schreiben Sie einen Beitrag."),
        ("x" * 5001, "body_too_long", "höchstens 5000 Zeichen lang sein (Ihrer hat 5001)"),
    ],
)
def test_bad_bodies_are_refused_at_the_field(citizen_client, project, body, code, message):
    response, problem = api(citizen_client, "post", thread_url(project), {"body": body})
    assert (response.status_code, problem["code"]) == (400, code)
    assert problem["errors"][0]["field"] == "body"
    assert message in problem["errors"][0]["message"]
    html = post_form(citizen_client, project, body=body)
    assert html.status_code == 400
    soup = BeautifulSoup(html.content, "html.parser")
    textarea = soup.select_one("#new-comment-body")
    assert textarea["aria-invalid"] == "true"
    error_id = "new-comment-body_error"
    assert error_id in textarea["aria-describedby"]
    assert message in soup.select_one(f"#{error_id}").get_text()
    assert soup.select_one("#comment-new .form-errors[role=alert]") is not None
    assert textarea.get_text().strip() == body.strip()
    assert not Comment.objects.exists()


def test_the_body_is_stored_as_typed(citizen_client, project):
    typed = "  Erste Zeile\r\nZweite <b>Zeile</b> & mehr\n\n"
    api(citizen_client, "post", thread_url(project), {"body": typed})
    assert Comment.objects.get().body == "Erste Zeile\nZweite <b>Zeile</b> & mehr"


def test_staff_give_official_answers(project):
    staff = StaffUserFactory(display_name="Stadt Jena Team")
    response, body = api(
        logged_in(staff), "post", thread_url(project), {"body": "Antwort", "official": True}
    )
    assert response.status_code == 201
    assert body["is_official"] is True
    soup = BeautifulSoup(Client().get(project.url).content, "html.parser")
    assert "Offizielle Antwort der Stadt" in soup.select_one(f"#comment-{body['id']}").get_text()


def test_staff_may_answer_when_the_discussion_is_closed(project):
    project.comments_enabled = False
    project.save()
    staff = StaffUserFactory()
    response, _body = api(logged_in(staff), "post", thread_url(project), {"body": "Nachtrag"})
    assert response.status_code == 201


def test_citizens_cannot_answer_officially(citizen_client, project):
    response, body = api(
        citizen_client, "post", thread_url(project), {"body": "Ich bin die Stadt", "official": True}
    )
    assert (response.status_code, body["code"]) == (403, "not_staff")
    assert not Comment.objects.exists()


def test_only_allowlisted_page_types_take_comments(citizen_client, project_index):
    response, body = api(
        citizen_client, "post", f"/api/v1/comments/pages/{project_index.pk}", {"body": "Hallo"}
    )
    assert (response.status_code, body["code"]) == (404, "page_not_found")
    html = citizen_client.post("/comments/post/", {"page": project_index.pk, "body": "Hallo"})
    assert html.status_code == 404
    assert not Comment.objects.exists()


def test_a_refused_anonymous_visitor_gets_no_participant_cookie(client, project):
    response, _body = api(client, "post", thread_url(project), {"body": "Hallo"})
    assert response.status_code == 403
    assert "portal_participant" not in response.cookies
