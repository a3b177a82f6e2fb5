"""A proposal's comment_count stays exact; the listing sorts by it; the page's cost is bounded."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from comments import services
from comments.models import Comment, CommentState
from comments.search_sources import CommentSource
from notifications.happenings import comment_url
from proposals.listing import PAGE_SIZE
from proposals.models import Moderation, Proposal
from tests.factories import StaffUserFactory, UserFactory
from tests.proposals.conftest import participant
from tests.proposals.factories import make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_comment_limits")]


def post(proposal, author=None, body="Gute Idee!"):
    return services.post_comment(proposal, participant(author or UserFactory()), body=body)


def counted(proposal) -> tuple[int, int]:
    """(the counter, the published comments actually there)."""
    proposal.refresh_from_db()
    actual = Comment.objects.for_target(proposal).published().count()
    return proposal.comment_count, actual


def test_comment_count_follows_every_change_of_a_published_comment(collection, proposal, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 2
    moderator = StaffUserFactory()
    author = UserFactory()
    first = post(proposal, author)
    reply = services.reply(first.pk, participant(UserFactory()), page=proposal, body="Ja")
    assert counted(proposal) == (2, 2)

    services.moderate_one(reply.pk, "remove", moderator, reason="Spam")
    assert counted(proposal) == (1, 1)
    services.moderate_one(reply.pk, "restore", moderator)
    assert counted(proposal) == (2, 2)
    for reporter in (UserFactory(), UserFactory()):
        services.report(reply.pk, participant(reporter), page=proposal, reason="spam")
    assert Comment.objects.get(pk=reply.pk).state == CommentState.HIDDEN
    assert counted(proposal) == (1, 1)
    services.delete_own_comment(first.pk, participant(author), page=proposal)
    assert counted(proposal) == (0, 0)


def test_pre_moderated_comments_count_once_approved(collection, proposal):
    collection.comments_moderation = "pre"
    collection.save()
    proposal.refresh_from_db()

    pending = post(proposal)
    assert pending.state == CommentState.PENDING
    assert counted(proposal) == (0, 0)
    services.moderate_one(pending.pk, "approve", StaffUserFactory())
    assert counted(proposal) == (1, 1)


def test_comments_on_the_page_and_other_proposals_do_not_count(collection, proposal):
    other = make_proposal(collection, title="Andere")
    post(other)
    services.post_comment(collection.page, participant(StaffUserFactory()), body="Zur Seite")

    assert counted(proposal) == (0, 0)
    assert counted(other) == (1, 1)


def test_most_discussed_sort_pages_by_cursor(client, collection):
    author = UserFactory()
    proposals = [
        make_proposal(collection, author=author, title=f"Vorschlag {index:02d}", comment_count=n)
        for index, n in enumerate([3, 0, 7, 7, 1] * 9)
    ]
    url = reverse("ideen:collection", args=(collection.pk,))
    seen, response, pages = [], client.get(url, {"sortierung": "diskutiert"}), 0
    while True:
        pages += 1
        seen += re.findall(r'<h3><a href="/ideen/vorschlag/(\d+)/">', response.content.decode())
        match = re.search(r'<a href="(\?[^"]+)" rel="next">', response.content.decode())
        if not match:
            break
        response = client.get(url + match.group(1).replace("&amp;", "&"))

    expected = sorted(proposals, key=lambda p: (p.comment_count, p.pk), reverse=True)
    assert pages == 3 and len(proposals) > 2 * PAGE_SIZE
    assert [int(pk) for pk in seen] == [p.pk for p in expected]


def test_proposal_page_query_count_does_not_grow_with_comments(client, collection):
    few, many = make_proposal(collection, title="Wenig"), make_proposal(collection, title="Viel")
    alone = post(few)
    services.reply(alone.pk, participant(UserFactory()), page=few, body="Antwort")
    for index in range(30):
        first = post(many, body=f"Beitrag {index}")
        services.reply(first.pk, participant(UserFactory()), page=many, body="Antwort")
    viewer = UserFactory()
    client.force_login(viewer)

    def queries(proposal):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("ideen:proposal", args=(proposal.pk,))).status_code == 200
        return len(captured.captured_queries)

    queries(few)  # the session and the content types are warm from here on
    assert queries(few) == queries(many)


def test_proposal_page_stays_within_its_query_budget(
    client, proposal, django_assert_max_num_queries
):
    for index in range(25):
        post(proposal, body=f"Beitrag {index}")
    client.force_login(UserFactory())
    client.get(reverse("ideen:proposal", args=(proposal.pk,)))

    with django_assert_max_num_queries(30):
        client.get(reverse("ideen:proposal", args=(proposal.pk,)))


def test_search_links_proposal_comments_to_the_proposal(proposal):
    comment = post(proposal, body="Durchsuchbar")

    document = CommentSource().documents([comment.pk])[comment.pk]

    assert document.url == f"/ideen/vorschlag/{proposal.pk}/#comment-{comment.pk}"
    assert document.project_id == proposal.collection.page_id
    assert document.audience == "public"


def test_search_leaves_out_comments_of_pending_proposals_and_restricts_with_the_page(proposal):
    comment = post(proposal, body="Durchsuchbar")
    Proposal.objects.filter(pk=proposal.pk).update(moderation=Moderation.PENDING)
    assert CommentSource().documents([comment.pk]) == {}

    Proposal.objects.filter(pk=proposal.pk).update(moderation=Moderation.PUBLISHED)
    PageViewRestriction.objects.create(
        page=proposal.collection.page, restriction_type=PageViewRestriction.GROUPS
    )
    document = CommentSource().documents([comment.pk]).get(comment.pk)
    assert document is None or document.audience != "public"


def test_notifications_link_to_the_comment_on_the_proposal(proposal):
    comment = post(proposal)

    assert comment_url(comment) == (
        f"/ideen/vorschlag/{proposal.pk}/?comments_thread={comment.pk}#comment-{comment.pk}"
    )
