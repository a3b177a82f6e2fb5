"""Reports: a reason, once per participant; enough of them hide the comment until reviewed."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from comments.models import Comment, CommentState, ModerationLogEntry, Report
from tests.comments.factories import CommentFactory
from tests.comments.helpers import api, logged_in
from tests.factories import UserFactory


def report_url(comment):
    return f"/api/v1/comments/{comment.pk}/reports"


def test_report_with_a_reason(citizen_client, comment):
    response, body = api(
        citizen_client, "post", report_url(comment), {"reason": "insult", "details": "Beleidigend"}
    )
    assert response.status_code == 201
    assert (body["comment_id"], body["reason"]) == (comment.pk, "insult")
    report = Report.objects.get()
    assert (report.reason, report.details, report.resolved) == ("insult", "Beleidigend", False)
    assert Comment.objects.get(pk=comment.pk).state == CommentState.PUBLISHED


def test_reporting_twice_is_a_conflict(citizen_client, comment):
    api(citizen_client, "post", report_url(comment), {"reason": "spam"})
    response, body = api(citizen_client, "post", report_url(comment), {"reason": "other"})
    assert (response.status_code, body["code"]) == (409, "already_reported")
    assert Report.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "rude", None])
def test_an_unknown_reason_is_refused(citizen_client, comment, reason):
    response, body = api(citizen_client, "post", report_url(comment), {"reason": reason})
    assert response.status_code == 400
    assert body["errors"][0]["field"] == "reason"
    form = citizen_client.post(
        f"/comments/{comment.pk}/report/", {"page": comment.page_id, "reason": reason or ""}
    )
    assert form.status_code == 400
    assert "Bitte wählen Sie einen Grund." in form.content.decode()
    assert not Report.objects.exists()


def test_enough_reports_hide_the_comment(comment, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    reporters = [logged_in(UserFactory()) for _ in range(3)]
    for client in reporters[:2]:
        api(client, "post", report_url(comment), {"reason": "spam"})
    assert Comment.objects.get(pk=comment.pk).state == CommentState.PUBLISHED
    api(reporters[2], "post", report_url(comment), {"reason": "spam"})
    assert Comment.objects.get(pk=comment.pk).state == CommentState.HIDDEN
    entry = ModerationLogEntry.objects.get()
    assert (entry.action, entry.moderator, entry.from_state) == ("auto_hide", None, "published")
    soup = BeautifulSoup(Client().get(comment.page.url).content, "html.parser")
    article = soup.select_one(f"#comment-{comment.pk}")
    assert "Mehr Radwege bitte!" not in article.get_text()
    assert (
        "wird von der Moderation geprüft" in article.select_one(".comment__placeholder").get_text()
    )


def test_report_form_without_javascript(citizen_client, project, comment):
    soup = BeautifulSoup(
        citizen_client.get(f"{project.url}?comments_report={comment.pk}").content, "html.parser"
    )
    form = soup.select_one(f"#comment-{comment.pk}-form form")
    assert form["action"] == f"/comments/{comment.pk}/report/"
    legend = form.select_one("fieldset legend").get_text()
    assert "Warum soll die Moderation sich diesen Beitrag ansehen?" in legend
    labels = [label.get_text(strip=True) for label in form.select("fieldset label")]
    assert "Spam oder Werbung" in labels
    response = citizen_client.post(
        f"/comments/{comment.pk}/report/",
        {"page": project.pk, "reason": "off_topic", "details": ""},
    )
    assert response.status_code == 302
    assert Report.objects.get().reason == "off_topic"


def test_own_and_anonymous_reports_are_refused(citizen_client, citizen, client, project):
    own = CommentFactory(page=project, author=citizen)
    response, body = api(citizen_client, "post", report_url(own), {"reason": "spam"})
    assert (response.status_code, body["code"]) == (403, "own_comment")
    response, body = api(client, "post", report_url(own), {"reason": "spam"})
    assert response.status_code == 401
    assert not Report.objects.exists()
