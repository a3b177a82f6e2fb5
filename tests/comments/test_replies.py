"""Replies: nested to a maximum depth, only to published comments on the same page."""

import pytest
from bs4 import BeautifulSoup

from comments.models import Comment, CommentState
from tests.comments.factories import reply_to
from tests.comments.helpers import api


def reply_url(comment):
    return f"/api/v1/comments/{comment.pk}/replies"


def test_reply_through_the_form_lands_in_the_thread_view(citizen_client, project, comment):
    response = citizen_client.post(
        f"/comments/{comment.pk}/reply/", {"page": project.pk, "body": "Sehe ich auch so."}
    )
    reply = Comment.objects.get(parent=comment)
    assert response.status_code == 302
    assert response["Location"] == (
        f"/projekte/radverkehr/?comments_thread={comment.pk}#comment-{reply.pk}"
    )
    assert (reply.root_id, reply.depth, reply.state) == (comment.pk, 2, "published")
    comment.refresh_from_db()
    assert comment.reply_count == 1
    soup = BeautifulSoup(citizen_client.get(response["Location"]).content, "html.parser")
    nested = soup.select_one(f"#comment-{comment.pk} .comment-list--replies #comment-{reply.pk}")
    assert nested is not None
    assert "Ihre Antwort wurde veröffentlicht." in soup.select_one(".messages").get_text()


def test_reply_counts_reach_every_ancestor(citizen_client, comment):
    middle = reply_to(comment)
    response, body = api(citizen_client, "post", reply_url(middle), {"body": "Dritte Ebene"})
    assert response.status_code == 201
    assert (body["depth"], body["parent_id"], body["root_id"]) == (3, middle.pk, comment.pk)
    comment.refresh_from_db()
    middle.refresh_from_db()
    assert (comment.reply_count, middle.reply_count) == (2, 1)


def test_replies_stop_at_the_maximum_depth(citizen_client, comment, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    deepest = reply_to(reply_to(comment))
    response, body = api(citizen_client, "post", reply_url(deepest), {"body": "Vierte Ebene"})
    assert (response.status_code, body["code"]) == (409, "max_depth")
    assert Comment.objects.filter(depth=4).count() == 0
    soup = BeautifulSoup(citizen_client.get(comment.page.url).content, "html.parser")
    actions = soup.select_one(f"#comment-{deepest.pk} .comment__actions")
    assert "Antworten" not in actions.get_text()


def test_reply_to_a_comment_on_another_page_is_refused(citizen_client, comment, other_project):
    response = citizen_client.post(
        f"/comments/{comment.pk}/reply/", {"page": other_project.pk, "body": "Falsche Seite"}
    )
    assert response.status_code == 400
    assert "gehört zu einer anderen Seite" in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


@pytest.mark.parametrize(
    ("state", "status", "code"),
    [
        (CommentState.REMOVED, 409, "parent_removed"),
        (CommentState.DELETED_BY_AUTHOR, 409, "parent_removed"),
        (CommentState.HIDDEN, 409, "parent_removed"),
        (CommentState.PENDING, 404, "comment_not_found"),
        (CommentState.REJECTED, 404, "comment_not_found"),
    ],
)
def test_only_published_comments_can_be_answered(citizen_client, comment, state, status, code):
    Comment.objects.filter(pk=comment.pk).update(state=state)
    response, body = api(citizen_client, "post", reply_url(comment), {"body": "Hallo?"})
    assert (response.status_code, body["code"]) == (status, code)
    assert not Comment.objects.filter(parent=comment).exists()


def test_reply_to_an_unknown_comment(citizen_client, project):
    response, body = api(citizen_client, "post", "/api/v1/comments/999999/replies", {"body": "x"})
    assert (response.status_code, body["code"]) == (404, "comment_not_found")
    form = citizen_client.post("/comments/999999/reply/", {"page": project.pk, "body": "x"})
    assert form.status_code == 404


def test_failed_reply_keeps_the_text_in_the_form_at_the_comment(citizen_client, project, comment):
    response = citizen_client.post(
        f"/comments/{comment.pk}/reply/", {"page": project.pk, "body": "x" * 5001}
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    textarea = soup.select_one(f"#comment-{comment.pk}-form textarea")
    assert textarea.get_text().strip() == "x" * 5001
    assert "Ihrer hat 5001" in soup.select_one(f"#comment-{comment.pk}-form .errorlist").get_text()


def test_reply_link_opens_the_form_without_javascript(citizen_client, project, comment):
    soup = BeautifulSoup(citizen_client.get(project.url).content, "html.parser")
    link = soup.select_one(f"#comment-{comment.pk} .comment__actions a[href*=comments_reply]")
    assert link["href"].endswith(f"#comment-{comment.pk}-form")
    opened = BeautifulSoup(citizen_client.get(link["href"]).content, "html.parser")
    form = opened.select_one(f"#comment-{comment.pk}-form form")
    assert form["action"] == f"/comments/{comment.pk}/reply/"
    assert form.select_one("input[name=page]")["value"] == str(project.pk)


def test_pre_moderated_replies_count_once_approved(citizen_client, project, comment, editor):
    from comments import services

    project.comments_moderation = "pre"
    project.save()
    _response, body = api(citizen_client, "post", reply_url(comment), {"body": "Prüfen"})
    assert body["state"] == "pending"
    comment.refresh_from_db()
    assert comment.reply_count == 0
    services.moderate([body["id"]], "approve", editor)
    comment.refresh_from_db()
    assert comment.reply_count == 1


def test_a_reply_by_an_anonymous_participant(client, project, comment):
    project.comments_allow_anonymous = True
    project.save()
    response, body = api(client, "post", reply_url(comment), {"body": "Anonym geantwortet"})
    assert (response.status_code, body["state"]) == (201, "pending")
    assert Comment.objects.get(pk=body["id"]).author is None
