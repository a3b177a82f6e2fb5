"""One set of conventions on every participation endpoint: field names, time stamps, languages."""

import datetime

from tests.api.conftest import call
from tests.comments.helpers import logged_in


def aware(value: str) -> bool:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None


def test_timestamps_are_iso_8601_with_a_time_zone(client, project, comments, public_poll, citizen):
    _response, poll = call(client, "get", f"/api/v1/polls/{public_poll.pk}")
    assert aware(poll["opens_at"]) and aware(poll["closes_at"])
    _response, thread = call(client, "get", f"/api/v1/comments/pages/{project.pk}")
    assert aware(thread["comments"][0]["created_at"])
    _response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    assert aware(page["meta"]["first_published_at"])
    assert aware(page["polls"][0]["opens_at"])
    question = public_poll.questions.get()
    ballot = {"answers": [{"question": question.pk, "choices": [question.choices.first().pk]}]}
    _response, cast = call(
        logged_in(citizen), "post", f"/api/v1/polls/{public_poll.pk}/ballot", ballot
    )
    assert aware(cast["created_at"]) and aware(cast["updated_at"])


def test_ids_are_named_id_and_references_carry_id(client, project, public_poll):
    _response, page = call(client, "get", f"/api/v2/pages/{project.pk}/")
    poll_block = next(block["value"] for block in page["body"] if block["type"] == "poll")
    _response, poll = call(client, "get", f"/api/v1/polls/{public_poll.pk}")
    assert poll_block["id"] == poll["id"] == page["polls"][0]["id"]
    assert {"id", "name", "slug"} <= set(page["department"])


def test_messages_follow_accept_language(client, db):
    english = client.get("/api/v1/polls/999999", HTTP_ACCEPT_LANGUAGE="en").json()
    german = client.get("/api/v1/polls/999999", HTTP_ACCEPT_LANGUAGE="de").json()
    assert english["code"] == german["code"] == "poll_not_found"
    assert english["title"] == "Not found"
    assert german["title"] == "Nicht gefunden"
