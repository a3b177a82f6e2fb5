"""The discussion on a proposal: the comments app with the proposal as subject (HTML and API)."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from comments import services
from comments.models import Comment, CommentState, Report, Support
from participation.refusals import Forbidden, NotFound
from proposals.models import Moderation
from tests.comments.factories import CommentFactory
from tests.comments.helpers import logged_in
from tests.factories import ProjectPageFactory, StaffUserFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_collection, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_comment_limits")]


def form(proposal, **fields):
    return {"page": proposal.collection.page_id, "subject": f"proposal:{proposal.pk}", **fields}


def proposal_url(proposal, query=""):
    return reverse("ideen:proposal", args=(proposal.pk,)) + query


def posted(proposal, author=None, body="Gute Idee!", **kwargs):
    return services.post_comment(
        proposal, participant(author or UserFactory()), body=body, **kwargs
    )


def test_posting_in_html_lands_on_the_proposal_and_only_there(client, proposal):
    citizen = UserFactory()
    client.force_login(citizen)

    response = client.post(reverse("comments:post"), form(proposal, body="Unbedingt, bitte!"))

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal_url(proposal, f"#comment-{comment.pk}")
    assert (comment.page_id, comment.subject, comment.author) == (
        proposal.collection.page_id,
        proposal,
        citizen,
    )
    assert "Unbedingt, bitte!" in client.get(proposal_url(proposal)).content.decode()
    project_page = client.get(proposal.collection.page.url).content.decode()
    assert "Unbedingt, bitte!" not in project_page


def test_the_pages_own_thread_stays_off_the_proposal(client, proposal):
    CommentFactory(page=proposal.collection.page, body="Zum Projekt allgemein")
    other = make_proposal(proposal.collection, title="Andere Idee")
    posted(other, body="Zur anderen Idee")

    html = client.get(proposal_url(proposal)).content.decode()

    assert 'id="comments"' in html
    assert "Zum Projekt allgemein" not in html
    assert "Zur anderen Idee" not in html
    assert "Zum Projekt allgemein" in client.get(proposal.collection.page.url).content.decode()


def test_a_refused_comment_shows_the_proposal_again_with_the_message(client, proposal):
    client.force_login(UserFactory())

    response = client.post(reverse("comments:post"), form(proposal, body="   "))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Trinkbrunnen am Markt" in html
    assert 'role="alert"' in html
    assert not Comment.objects.exists()


def test_reply_support_and_report_in_html(client, proposal):
    first = posted(proposal, body="Erster Beitrag")
    client.force_login(UserFactory())

    replied = client.post(
        reverse("comments:reply", args=(first.pk,)), form(proposal, body="Stimmt genau")
    )
    supported = client.post(reverse("comments:support", args=(first.pk,)), form(proposal))
    reported = client.post(
        reverse("comments:report", args=(first.pk,)), form(proposal, reason="off_topic")
    )

    reply = Comment.objects.get(parent=first)
    assert [replied.status_code, supported.status_code, reported.status_code] == [302, 302, 302]
    assert replied["Location"].startswith(proposal_url(proposal, "?comments_thread="))
    assert (reply.subject, reply.root) == (proposal, first)
    assert Support.objects.filter(comment=first).count() == 1
    assert Report.objects.filter(comment=first).count() == 1
    first.refresh_from_db()
    assert (first.support_count, first.reply_count) == (1, 1)


def test_a_comment_of_the_page_cannot_be_answered_through_the_proposal(client, proposal):
    on_page = CommentFactory(page=proposal.collection.page)
    client.force_login(UserFactory())

    response = client.post(reverse("comments:reply", args=(on_page.pk,)), form(proposal, body="x"))

    assert response.status_code == 400
    assert not Comment.objects.filter(parent=on_page).exists()


def test_api_reads_and_writes_the_proposals_thread(proposal):
    first = posted(proposal, body="Per API gelesen")
    CommentFactory(page=proposal.collection.page, body="Nur auf der Seite")
    client = logged_in(UserFactory())
    url = f"/api/v1/comments/subjects/proposal/{proposal.pk}"

    created = client.post(url, json.dumps({"body": "Per API"}), content_type="application/json")
    replied = client.post(
        f"/api/v1/comments/{first.pk}/replies",
        json.dumps({"body": "Antwort per API"}),
        content_type="application/json",
    )
    supported = client.put(f"/api/v1/comments/{first.pk}/support")
    thread = client.get(url).json()

    assert [created.status_code, replied.status_code, supported.status_code] == [201, 201, 200]
    assert thread["subject"] == f"proposal:{proposal.pk}"
    assert thread["page_id"] == proposal.collection.page_id
    assert thread["comment_count"] == 3
    bodies = {c["body"] for c in thread["comments"]}
    assert bodies == {"Per API gelesen", "Per API"}
    assert thread["discussion"]["anonymous_allowed"] is False
    page_thread = client.get(f"/api/v1/comments/pages/{proposal.collection.page_id}").json()
    assert [c["body"] for c in page_thread["comments"]] == ["Nur auf der Seite"]


def test_anonymous_visitors_cannot_write_on_a_proposal(client, proposal):
    response = client.post(
        f"/api/v1/comments/subjects/proposal/{proposal.pk}",
        json.dumps({"body": "Anonym"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_discussion_closes_with_the_withdrawal_but_stays_readable(client, proposal):
    posted(proposal, body="Vor dem Rückzug")
    proposal.withdrawn_at = proposal.created_at
    proposal.save()

    with pytest.raises(Forbidden) as refused:
        posted(proposal)
    assert refused.value.code == "comments_closed"
    assert "Vor dem Rückzug" in client.get(proposal_url(proposal)).content.decode()


def test_a_restricted_projects_proposal_discussion_is_not_found(proposal):
    comment = posted(proposal, body="Geheim")
    PageViewRestriction.objects.create(
        page=proposal.collection.page, restriction_type=PageViewRestriction.GROUPS
    )
    client = logged_in(UserFactory())

    statuses = [
        client.get(f"/api/v1/comments/subjects/proposal/{proposal.pk}").status_code,
        client.get(f"/api/v1/comments/{comment.pk}/replies").status_code,
        client.put(f"/api/v1/comments/{comment.pk}/support").status_code,
        client.post(reverse("comments:post"), form(proposal, body="x")).status_code,
        client.post(reverse("comments:support", args=(comment.pk,)), form(proposal)).status_code,
    ]

    assert statuses == [404] * 5
    assert Comment.objects.count() == 1
    assert not Support.objects.exists()


def test_a_pending_proposal_takes_no_comments_from_others(proposal):
    proposal.moderation = Moderation.PENDING
    proposal.save()
    client = logged_in(UserFactory())

    response = client.get(f"/api/v1/comments/subjects/proposal/{proposal.pk}")

    assert response.status_code == 404
    assert proposal.comments_enabled is False


def test_department_moderators_moderate_their_projects_proposal_comments(
    project_index, tree, people
):
    own_page = ProjectPageFactory(parent=project_index, department=tree["own"])
    sibling_page = ProjectPageFactory(parent=project_index, department=tree["sibling"])
    own = posted(make_proposal(make_collection(project_index, page=own_page)))
    foreign = posted(make_proposal(make_collection(project_index, page=sibling_page)))

    services.moderate_one(own.pk, "remove", people["moderator"], reason="Beleidigend")
    with pytest.raises(NotFound):
        services.moderate_one(foreign.pk, "remove", people["moderator"], reason="Beleidigend")

    own.refresh_from_db()
    foreign.refresh_from_db()
    assert (own.state, foreign.state) == (CommentState.REMOVED, CommentState.PUBLISHED)
    assert own.subject.comment_count == 0
    assert foreign.subject.comment_count == 1


def test_the_moderation_queue_names_the_proposal(proposal):
    posted(proposal, body="In der Warteschlange")
    admin = logged_in(StaffUserFactory())

    html = admin.get(reverse("comments_moderation:index")).content.decode()

    assert "Trinkbrunnen am Markt" in html
    comment = Comment.objects.get()
    inspect = admin.get(reverse("comments_moderation:inspect", args=(comment.pk,))).content
    assert proposal_url(proposal, f"#comment-{comment.pk}").encode() in inspect


def test_editors_answer_officially_in_a_proposals_discussion(project_index, tree, people):
    page = ProjectPageFactory(parent=project_index, department=tree["own"])
    proposal = make_proposal(make_collection(project_index, page=page))

    answer = services.post_comment(
        proposal, participant(people["editor"]), body="Wir prüfen das.", official=True
    )

    assert (answer.is_official, answer.state, answer.subject) == (
        True,
        CommentState.PUBLISHED,
        proposal,
    )


def test_the_shared_cache_of_anonymous_visitors_is_per_proposal(
    client, proposal, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_THREAD_CACHE_SECONDS = 300
    other = make_proposal(proposal.collection, title="Andere Idee")
    posted(other, body="Zur anderen Idee")
    assert "Zur anderen Idee" not in client.get(proposal_url(proposal)).content.decode()
    assert "Zur anderen Idee" in client.get(proposal_url(other)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        posted(proposal, body="Nach dem Cache")

    assert "Nach dem Cache" in client.get(proposal_url(proposal)).content.decode()
    assert "Nach dem Cache" not in client.get(proposal_url(other)).content.decode()
    html = client.get(proposal_url(proposal)).content.decode()
    assert f"?next={proposal_url(proposal)}" in html.replace("%2F", "/")
