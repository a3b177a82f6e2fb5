"""Authors edit their comments within a time window and delete them, leaving a placeholder."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentState
from tests.comments.factories import CommentFactory, reply_to
from tests.comments.helpers import api


def comment_url(comment):
    return f"/api/v1/comments/{comment.pk}"


def test_author_edits_within_the_window_and_it_is_marked(citizen_client, citizen, project):
    comment = CommentFactory(page=project, author=citizen, body="Tippfeler")
    response, body = api(citizen_client, "patch", comment_url(comment), {"body": "Tippfehler"})
    assert response.status_code == 200
    assert body["body"] == "Tippfehler" and body["edited_at"]
    soup = BeautifulSoup(Client().get(project.url).content, "html.parser")
    article = soup.select_one(f"#comment-{comment.pk}")
    assert article.select_one(".comment__edited").get_text() == "(bearbeitet)"
    assert "Tippfehler" in article.select_one(".comment__body").get_text()


def test_edit_through_the_form(citizen_client, citizen, project):
    comment = CommentFactory(page=project, author=citizen, body="Alt")
    soup = BeautifulSoup(
        citizen_client.get(f"{project.url}?comments_edit={comment.pk}").content, "html.parser"
    )
    textarea = soup.select_one(f"#comment-{comment.pk}-form textarea")
    assert textarea.get_text().strip() == "Alt"
    response = citizen_client.post(
        f"/comments/{comment.pk}/edit/", {"page": project.pk, "body": "Neu"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    comment.refresh_from_db()
    assert comment.body == "Neu" and comment.edited_at is not None


def test_editing_after_the_window_is_refused(citizen_client, citizen, project, settings):
    settings.COMMENTS_EDIT_WINDOW_MINUTES = 15
    comment = CommentFactory(page=project, author=citizen, body="Original")
    later = timezone.now() + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        response, body = api(citizen_client, "patch", comment_url(comment), {"body": "Zu spät"})
        soup = BeautifulSoup(citizen_client.get(project.url).content, "html.parser")
    assert (response.status_code, body["code"]) == (403, "edit_window_over")
    assert "innerhalb von 15 Minuten" in body["detail"]
    assert (
        "Bearbeiten" not in soup.select_one(f"#comment-{comment.pk} .comment__actions").get_text()
    )
    comment.refresh_from_db()
    assert comment.body == "Original" and comment.edited_at is None


def test_editing_someone_elses_comment_is_refused(citizen_client, comment):
    response, body = api(citizen_client, "patch", comment_url(comment), {"body": "Gekapert"})
    assert (response.status_code, body["code"]) == (403, "not_author")
    form = citizen_client.post(
        f"/comments/{comment.pk}/edit/", {"page": comment.page_id, "body": "Gekapert"}
    )
    assert form.status_code == 403
    assert "Sie können nur Ihre eigenen Beiträge ändern." in form.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Mehr Radwege bitte!"


def test_anonymous_visitors_cannot_edit(client, comment):
    response, body = api(client, "patch", comment_url(comment), {"body": "x"})
    assert (response.status_code, body["code"]) == (401, "not_authenticated")


def test_approved_comments_on_pre_moderated_pages_stay_as_approved(
    citizen_client, citizen, project
):
    project.comments_moderation = "pre"
    project.save()
    comment = CommentFactory(page=project, author=citizen, state=CommentState.PUBLISHED)
    response, body = api(citizen_client, "patch", comment_url(comment), {"body": "Anders"})
    assert (response.status_code, body["code"]) == (403, "approved_not_editable")
    pending = CommentFactory(page=project, author=citizen, state=CommentState.PENDING)
    response, body = api(citizen_client, "patch", comment_url(pending), {"body": "Korrigiert"})
    assert response.status_code == 200 and body["state"] == "pending"


def test_deleting_leaves_a_placeholder_and_keeps_the_replies(citizen_client, citizen, project):
    comment = CommentFactory(page=project, author=citizen, body="Geheimer Text")
    reply = reply_to(comment, body="Antwort bleibt")
    response, _body = api(citizen_client, "delete", comment_url(comment))
    assert response.status_code == 204
    comment.refresh_from_db()
    assert (comment.state, comment.body) == (CommentState.DELETED_BY_AUTHOR, "")
    html = Client().get(project.url).content.decode()
    assert "Geheimer Text" not in html
    soup = BeautifulSoup(html, "html.parser")
    placeholder = soup.select_one(f"#comment-{comment.pk} .comment__placeholder").get_text()
    assert placeholder == "Dieser Beitrag wurde von der verfassenden Person gelöscht."
    assert soup.select_one(f"#comment-{comment.pk} #comment-{reply.pk}") is not None
    _response, thread = api(Client(), "get", f"/api/v1/comments/pages/{project.pk}")
    deleted = thread["comments"][0]
    assert (deleted["body"], deleted["author"], deleted["state"]) == (
        None,
        None,
        "deleted_by_author",
    )


def test_deleting_through_the_form_asks_first(citizen_client, citizen, project):
    comment = CommentFactory(page=project, author=citizen)
    soup = BeautifulSoup(
        citizen_client.get(f"{project.url}?comments_delete={comment.pk}").content, "html.parser"
    )
    form = soup.select_one(f"#comment-{comment.pk}-form form")
    assert form["action"] == f"/comments/{comment.pk}/delete/"
    assert "wirklich löschen" in form.get_text()
    response = citizen_client.post(f"/comments/{comment.pk}/delete/", {"page": project.pk})
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == CommentState.DELETED_BY_AUTHOR


def test_a_never_published_comment_disappears_for_good(citizen_client, citizen, project):
    pending = CommentFactory(page=project, author=citizen, state=CommentState.PENDING)
    response, _body = api(citizen_client, "delete", comment_url(pending))
    assert response.status_code == 204
    assert not Comment.objects.filter(pk=pending.pk).exists()


def test_deleting_someone_elses_or_twice_is_refused(citizen_client, citizen, comment, project):
    response, body = api(citizen_client, "delete", comment_url(comment))
    assert (response.status_code, body["code"]) == (403, "not_author")
    mine = CommentFactory(page=project, author=citizen)
    api(citizen_client, "delete", comment_url(mine))
    response, body = api(citizen_client, "delete", comment_url(mine))
    assert (response.status_code, body["code"]) == (409, "already_deleted")
    assert Comment.objects.get(pk=comment.pk).state == CommentState.PUBLISHED
