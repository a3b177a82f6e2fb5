"""Comments, report details and removal reasons: no bidi tricks, no invisible or Zalgo text.

Each case goes through the API and the HTML form, with the message at the field.
"""

import pytest
from bs4 import BeautifulSoup

from comments import services
from comments.models import Comment, Report
from participation.refusals import InvalidInput
from tests.comments.helpers import api, logged_in, thread_url
from tests.factories import UserFactory

RLO, PDF, ZWSP, ZWJ = "\u202e", "\u202c", "\u200b", "\u200d"
ZALGO = "H" + "\u0336\u0337\u0338\u0301\u0300\u0302\u0303\u0304" * 2 + "allo"


def post_form(client, page, **data):
    return client.post("/comments/post/", {"page": page.pk, **data})


def field_error(response, field_id):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f"#{field_id}_error").get_text()


def test_bidi_overrides_and_zero_width_characters_are_removed(citizen_client, project):
    typed = f"Preis: {RLO}0001{PDF} Euro, sehr{ZWSP} gut"
    response, body = api(citizen_client, "post", thread_url(project), {"body": typed})
    assert response.status_code == 201
    assert body["body"] == "Preis: 0001 Euro, sehr gut"
    post_form(citizen_client, project, body=f"Zweiter{RLO} Beitrag")
    assert set(Comment.objects.values_list("body", flat=True)) == {
        "Preis: 0001 Euro, sehr gut",
        "Zweiter Beitrag",
    }


def test_emoji_sequences_and_joining_scripts_keep_their_joiners(citizen_client, project):
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want", with a ZWNJ
    typed = f"Ich als Entwicklerin 👩{ZWJ}💻 und auf Persisch: {persian}"
    response, body = api(citizen_client, "post", thread_url(project), {"body": typed})
    assert response.status_code == 201
    assert body["body"] == typed


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (f"{ZWSP}{ZWSP}{RLO}\u2060\ufeff", "body_empty", "Bitte schreiben Sie einen Beitrag."),
        ("\u3164 \u3164", "body_empty", "Bitte schreiben Sie einen Beitrag."),
        (ZALGO, "text_too_many_marks", "höchstens 5 Akzente oder andere Zeichen"),
        ("Hallo\x00Welt", "text_null_character", "Nullzeichen"),
    ],
)
def test_invisible_zalgo_and_null_bodies_are_refused_at_the_field(
    citizen_client, project, body, code, message
):
    response, problem = api(citizen_client, "post", thread_url(project), {"body": body})
    assert (response.status_code, problem["code"]) == (400, code)
    assert problem["errors"] == [{"field": "body", "message": problem["errors"][0]["message"]}]
    assert message in problem["errors"][0]["message"]
    html = post_form(citizen_client, project, body=body)
    assert html.status_code == 400
    assert message in field_error(html, "new-comment-body")
    assert not Comment.objects.exists()


def test_editing_and_replying_are_cleaned_the_same_way(citizen_client, citizen, project):
    _response, created = api(citizen_client, "post", thread_url(project), {"body": "Erster"})
    response, problem = api(
        citizen_client, "patch", f"/api/v1/comments/{created['id']}", {"body": ZWSP * 3}
    )
    assert (response.status_code, problem["code"]) == (400, "body_empty")
    response, reply = api(
        citizen_client,
        "post",
        f"/api/v1/comments/{created['id']}/replies",
        {"body": f"Antwort{RLO}"},
    )
    assert response.status_code == 201, reply
    assert reply["body"] == "Antwort"


def report_url(comment):
    return f"/api/v1/comments/{comment.pk}/reports"


def test_report_details_are_cleaned_and_null_is_refused_at_the_field(comment):
    reporter = logged_in(UserFactory())
    response, problem = api(
        reporter, "post", report_url(comment), {"reason": "other", "details": "a\x00b"}
    )
    assert (response.status_code, problem["errors"][0]["field"]) == (400, "details")
    form = reporter.post(
        f"/comments/{comment.pk}/report/",
        {"page": comment.page_id, "reason": "other", "details": "a\x00b"},
    )
    assert form.status_code == 400
    assert "Nullzeichen" in form.content.decode()
    assert not Report.objects.exists()

    response, _body = api(
        reporter, "post", report_url(comment), {"reason": "other", "details": f"Siehe{RLO} oben"}
    )
    assert response.status_code == 201
    assert Report.objects.get().details == "Siehe oben"


def test_removal_reasons_are_cleaned_and_an_invisible_one_is_no_reason(comment, moderator):
    with pytest.raises(InvalidInput) as refused:
        services.moderate_one(comment.pk, "remove", moderator, reason=ZWSP * 4)
    assert refused.value.code == "reason_required"

    services.moderate_one(comment.pk, "remove", moderator, reason=f"Beleidigung{RLO}")
    assert Comment.objects.get(pk=comment.pk).removal_reason == "Beleidigung"
