"""Supports: one per participant and comment, exact counts, signed-in only."""

from bs4 import BeautifulSoup

from comments.models import Comment, CommentState, Support
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in


def support_url(comment):
    return f"/api/v1/comments/{comment.pk}/support"


def test_support_and_take_it_back(citizen_client, comment):
    response, body = api(citizen_client, "put", support_url(comment))
    assert response.status_code == 200
    assert body == {"comment_id": comment.pk, "support_count": 1, "supported_by_me": True}
    _response, thread = api(citizen_client, "get", f"/api/v1/comments/pages/{comment.page_id}")
    assert thread["comments"][0]["supported_by_me"] is True
    assert thread["comments"][0]["support_count"] == 1
    response, body = api(citizen_client, "delete", support_url(comment))
    assert body == {"comment_id": comment.pk, "support_count": 0, "supported_by_me": False}
    assert not Support.objects.exists()


def test_a_second_support_is_a_conflict(citizen_client, comment):
    api(citizen_client, "put", support_url(comment))
    response, body = api(citizen_client, "put", support_url(comment))
    assert (response.status_code, body["code"]) == (409, "already_supported")
    assert Comment.objects.get(pk=comment.pk).support_count == 1
    response, body = api(citizen_client, "delete", support_url(comment))
    response, body = api(citizen_client, "delete", support_url(comment))
    assert (response.status_code, body["code"]) == (409, "not_supported")
    assert Comment.objects.get(pk=comment.pk).support_count == 0


def test_supports_from_different_people_add_up(citizen_client, comment, unverified, moderator):
    api(citizen_client, "put", support_url(comment))
    api(logged_in(moderator), "put", support_url(comment))
    response, body = api(logged_in(unverified), "put", support_url(comment))
    assert (response.status_code, body["code"]) == (403, "email_not_verified")
    assert Comment.objects.get(pk=comment.pk).support_count == 2 == comment.supports.count()


def test_no_support_for_ones_own_or_unpublished_comments(citizen_client, citizen, project):
    own = CommentFactory(page=project, author=citizen)
    response, body = api(citizen_client, "put", support_url(own))
    assert (response.status_code, body["code"]) == (403, "own_comment")
    hidden = CommentFactory(page=project, state=CommentState.HIDDEN)
    response, body = api(citizen_client, "put", support_url(hidden))
    assert (response.status_code, body["code"]) == (409, "not_published")
    pending = CommentFactory(page=project, state=CommentState.PENDING)
    response, body = api(citizen_client, "put", support_url(pending))
    assert (response.status_code, body["code"]) == (404, "comment_not_found")
    assert not Support.objects.exists()


def test_anonymous_visitors_cannot_support(client, comment):
    response, body = api(client, "put", support_url(comment))
    assert (response.status_code, body["code"]) == (401, "not_authenticated")


def test_support_button_without_javascript(citizen_client, project, comment):
    soup = BeautifulSoup(citizen_client.get(project.url).content, "html.parser")
    form = soup.select_one(f"#comment-{comment.pk} form[action='/comments/{comment.pk}/support/']")
    assert "Unterstützen" in form.button.get_text()
    response = citizen_client.post(f"/comments/{comment.pk}/support/", {"page": project.pk})
    assert response.status_code == 302
    soup = BeautifulSoup(citizen_client.get(response["Location"]).content, "html.parser")
    article = soup.select_one(f"#comment-{comment.pk}")
    assert article.select_one(".comment__supports").get_text() == "1 Unterstützung"
    assert "Unterstützung zurücknehmen" in article.select_one("form button").get_text()
    again = citizen_client.post(f"/comments/{comment.pk}/support/", {"page": project.pk})
    assert again.status_code == 409
    assert "Sie unterstützen diesen Beitrag bereits." in again.content.decode()
    withdraw = citizen_client.post(
        f"/comments/{comment.pk}/support/", {"page": project.pk, "action": "unsupport"}
    )
    assert withdraw.status_code == 302
    assert Comment.objects.get(pk=comment.pk).support_count == 0


def test_the_thread_says_which_actions_the_viewer_is_offered(citizen_client, citizen, comment):
    own = CommentFactory(page=comment.page, author=citizen)
    _response, thread = api(citizen_client, "get", f"/api/v1/comments/pages/{comment.page_id}")
    by_id = {entry["id"]: entry for entry in thread["comments"]}
    others, mine = by_id[comment.pk], by_id[own.pk]
    assert (others["can_support"], others["can_report"], others["can_delete"]) == (
        True,
        True,
        False,
    )
    assert (mine["can_support"], mine["can_report"], mine["can_delete"]) == (False, False, True)


def test_anonymous_visitors_are_offered_no_actions(client, comment):
    _response, thread = api(client, "get", f"/api/v1/comments/pages/{comment.page_id}")
    entry = thread["comments"][0]
    assert not (entry["can_support"] or entry["can_report"] or entry["can_delete"])
