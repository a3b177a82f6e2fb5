"""Deleting an account anonymises its comments; the thread stays whole."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client

from comments.models import Comment
from tests.comments.factories import CommentFactory, reply_to
from tests.comments.helpers import api, thread_url
from tests.factories import TEST_PASSWORD


def test_account_deletion_keeps_the_comments_without_their_author(
    citizen_client, citizen, project, comment
):
    mine = CommentFactory(page=project, author=citizen, body="Mein Vorschlag")
    my_reply = reply_to(comment, author=citizen, body="Meine Antwort")
    reply_to(mine, body="Antwort an mich")
    response = citizen_client.post("/accounts/delete/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=citizen.pk).exists()
    for kept in (mine, my_reply):
        kept.refresh_from_db()
        assert kept.author is None and kept.anonymous_key == "" and kept.state == "published"
    assert Comment.objects.count() == 4
    soup = BeautifulSoup(Client().get(project.url).content, "html.parser")
    assert soup.select_one(f"#comment-{mine.pk} .comment__author").get_text() == "Gelöschtes Konto"
    assert "Radlerin" not in soup.select_one("#comments").get_text()
    assert "Mein Vorschlag" in soup.select_one(f"#comment-{mine.pk}").get_text()
    _response, body = api(Client(), "get", thread_url(project))
    authors = {c["id"]: c["author"] for c in body["comments"]}
    assert authors[mine.pk] == {"name": "Gelöschtes Konto", "kind": "deleted"}


def test_no_raw_ip_address_is_stored(client, project):
    project.comments_allow_anonymous = True
    project.save()
    client = Client(REMOTE_ADDR="198.51.100.23")
    api(client, "post", thread_url(project), {"body": "Anonym"})
    comment = Comment.objects.get()
    stored = " ".join(str(value) for value in Comment.objects.values().get().values())
    assert "198.51.100.23" not in stored
    assert comment.anonymous_key and "198.51.100" not in comment.anonymous_key
