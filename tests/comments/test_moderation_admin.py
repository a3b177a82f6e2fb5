"""Moderators work the queue in the Wagtail admin; citizens cannot get there."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from comments.models import Comment, CommentState, ModerationLogEntry, Report
from tests.comments.factories import CommentFactory
from tests.comments.helpers import logged_in

QUEUE = "/cms/comments/?queue=true"


@pytest.fixture
def moderator_client(moderator):
    return logged_in(moderator)


@pytest.fixture
def queue(project, other_project, comment):
    pending = CommentFactory(page=project, state=CommentState.PENDING, body="Bitte freigeben")
    reported = CommentFactory(page=other_project, body="Gemeldeter Beitrag")
    Report.objects.create(
        comment=reported, participant_key="k" * 64, reason="insult", details="Sehr unhöflich"
    )
    hidden = CommentFactory(page=project, state=CommentState.HIDDEN, body="Ausgeblendet")
    return {"pending": pending, "reported": reported, "hidden": hidden, "fine": comment}


def listed(response) -> list[int]:
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(
        int(box["data-object-id"]) for box in soup.select("input[data-bulk-action-checkbox]")
    )


def test_the_queue_lists_what_needs_review(moderator_client, queue):
    response = moderator_client.get(QUEUE)
    assert response.status_code == 200
    expected = sorted(queue[name].pk for name in ("pending", "reported", "hidden"))
    assert listed(response) == expected
    all_comments = moderator_client.get("/cms/comments/")
    assert queue["fine"].pk in listed(all_comments)


def test_the_state_is_a_status_tag_and_the_filter_toggle_names_its_count(moderator_client, queue):
    soup = BeautifulSoup(moderator_client.get(QUEUE).content, "html.parser")
    tags = {" ".join(tag.get_text().split()) for tag in soup.select("tbody .w-status")}
    # Pending, hidden, and the reported one still published.
    expected = {CommentState.PENDING, CommentState.HIDDEN, CommentState.PUBLISHED}
    assert tags == {str(state.label) for state in expected}
    published = [
        tag for tag in soup.select("tbody .w-status") if "w-status--primary" in tag["class"]
    ]
    assert {tag.get_text(strip=True) for tag in published} == {str(CommentState.PUBLISHED.label)}
    # Its name is text (with the number of active filters beside it), not an aria-label.
    toggle = soup.select_one("button.w-slim-header-action-button")
    assert "aria-label" not in toggle.attrs
    assert toggle.select_one(".w-sr-only").get_text(strip=True) == "Filter anzeigen"


def test_filters_by_project_state_and_date(moderator_client, queue, project):
    by_project = moderator_client.get(f"/cms/comments/?page={project.pk}")
    assert queue["reported"].pk not in listed(by_project)
    by_state = moderator_client.get("/cms/comments/?state=pending&state=hidden")
    assert listed(by_state) == sorted([queue["pending"].pk, queue["hidden"].pk])
    old = CommentFactory(page=project, created_at=timezone.now() - datetime.timedelta(days=40))
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    recent = moderator_client.get(f"/cms/comments/?created_at_from={since}")
    assert old.pk not in listed(recent) and queue["fine"].pk in listed(recent)


def test_a_comment_page_shows_reports_and_the_log(moderator_client, queue):
    reported = queue["reported"]
    response = moderator_client.get(f"/cms/comments/inspect/{reported.pk}/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "Gemeldeter Beitrag" in text
    assert "Beleidigung oder Diskriminierung" in text and "Sehr unhöflich" in text


def test_one_action_with_a_note_is_applied_and_logged(moderator_client, moderator, queue):
    pending = queue["pending"]
    response = moderator_client.post(
        f"/cms/comments/moderate/{pending.pk}/", {"action": "approve", "note": "passt"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.moderator_note) == (CommentState.PUBLISHED, "passt")
    entry = ModerationLogEntry.objects.get(comment=pending)
    assert (entry.moderator, entry.action) == (moderator, "approve")
    page = moderator_client.get(response["Location"])
    assert "freigegeben" in BeautifulSoup(page.content, "html.parser").get_text()


def test_an_action_that_does_not_fit_shows_a_message(moderator_client, queue):
    fine = queue["fine"]
    response = moderator_client.post(
        f"/cms/comments/moderate/{fine.pk}/", {"action": "reject"}, follow=True
    )
    assert "passt nicht zum Status" in response.content.decode()
    assert Comment.objects.get(pk=fine.pk).state == CommentState.PUBLISHED


def test_removal_without_a_reason_is_refused(moderator_client, queue):
    fine = queue["fine"]
    response = moderator_client.post(
        f"/cms/comments/moderate/{fine.pk}/", {"action": "remove"}, follow=True
    )
    assert "Bitte geben Sie einen Grund an" in response.content.decode()
    assert Comment.objects.get(pk=fine.pk).state == CommentState.PUBLISHED


def test_bulk_approve_and_bulk_remove(moderator_client, queue):
    ids = [queue["pending"].pk, queue["hidden"].pk, queue["fine"].pk]
    url = "/cms/bulk/comments/comment/approve/?" + "&".join(f"id={pk}" for pk in ids)
    confirm = moderator_client.get(url + "&next=/cms/comments/")
    assert confirm.status_code == 200
    assert "Bitte freigeben" in confirm.content.decode()
    done = moderator_client.post(url + "&next=/cms/comments/", {"note": "Sammelfreigabe"})
    assert done.status_code == 302
    states = set(Comment.objects.filter(pk__in=ids).values_list("state", flat=True))
    assert states == {CommentState.PUBLISHED}
    assert ModerationLogEntry.objects.filter(action="approve").count() == 3

    remove = "/cms/bulk/comments/comment/remove/?" + "&".join(f"id={pk}" for pk in ids)
    refused = moderator_client.post(remove, {"reason": ""})
    assert refused.status_code == 200
    assert Comment.objects.filter(state=CommentState.REMOVED).count() == 0
    moderator_client.post(remove, {"reason": "Nicht zum Thema"})
    removed = Comment.objects.filter(pk__in=ids)
    assert {(c.state, c.removal_reason) for c in removed} == {
        (CommentState.REMOVED, "Nicht zum Thema")
    }


def test_bulk_actions_report_skipped_comments(moderator_client, queue):
    ids = [queue["pending"].pk, queue["fine"].pk]
    url = "/cms/bulk/comments/comment/reject/?" + "&".join(f"id={pk}" for pk in ids)
    response = moderator_client.post(url + "&next=/cms/comments/", {}, follow=True)
    text = response.content.decode()
    assert "1 Beitrag: abgelehnt." in text
    assert "1 Beitrag wurde übersprungen" in text


def test_citizens_cannot_reach_the_moderation(citizen_client, queue):
    for url in [
        QUEUE,
        f"/cms/comments/inspect/{queue['pending'].pk}/",
        f"/cms/bulk/comments/comment/approve/?id={queue['pending'].pk}",
    ]:
        response = citizen_client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    response = citizen_client.post(
        f"/cms/comments/moderate/{queue['pending'].pk}/", {"action": "approve"}
    )
    assert response.status_code in (302, 403)
    assert Comment.objects.get(pk=queue["pending"].pk).state == CommentState.PENDING


def test_editors_without_the_permission_cannot_moderate(queue, project):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    editor = UserFactory()
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    editor.groups.add(group)
    client = logged_in(editor)
    assert client.get(QUEUE).status_code in (302, 403)
    response = client.post(f"/cms/comments/moderate/{queue['pending'].pk}/", {"action": "approve"})
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert Comment.objects.get(pk=queue["pending"].pk).state == CommentState.PENDING
    menu = client.get("/cms/").content.decode()
    assert "/cms/comments/" not in menu
