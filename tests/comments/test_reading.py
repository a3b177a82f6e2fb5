"""Reading a discussion: keyset pages, sort orders, pinned answers, replies, the thread view."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentState
from tests.comments.factories import CommentFactory, bulk_thread, reply_to
from tests.comments.helpers import api, thread_url
from tests.factories import StaffUserFactory


def walk(client, page, **params):
    """All top-level comment ids, page by page, following next_cursor."""
    ids, cursor = [], None
    for _page in range(1000):
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        response, body = api(client, "get", thread_url(page, **query))
        assert response.status_code == 200
        ids += [comment["id"] for comment in body["comments"]]
        cursor = body["next_cursor"]
        if not cursor:
            return ids
    raise AssertionError("the pages never end")


@pytest.fixture
def many(project, settings):
    settings.COMMENTS_PAGE_SIZE = 7
    return bulk_thread(project, top_level=30, replies_per_thread=2)


def test_pages_cover_every_comment_once_in_each_order(client, project, many):
    by_date = sorted(many, key=lambda c: (c.created_at, c.pk))
    assert walk(client, project) == [c.pk for c in reversed(by_date)]
    assert walk(client, project, sort="oldest") == [c.pk for c in by_date]
    by_support = sorted(many, key=lambda c: (c.support_count, c.created_at, c.pk), reverse=True)
    assert walk(client, project, sort="most_supported") == [c.pk for c in by_support]


def test_ties_in_time_are_broken_by_id(client, project, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    moment = timezone.now()
    same_time = [CommentFactory(page=project, created_at=moment) for _ in range(5)]
    assert walk(client, project) == sorted((c.pk for c in same_time), reverse=True)


def test_forged_or_foreign_cursors_are_refused(client, project, other_project, many):
    _response, body = api(client, "get", thread_url(project))
    cursor = body["next_cursor"]
    for bad in [cursor[:-2] + "xx", "abc", "X" + cursor[1:], cursor.split(":")[0]]:
        response, problem = api(client, "get", thread_url(project, cursor=bad))
        assert (response.status_code, problem["code"]) == (400, "invalid_cursor")
    response, problem = api(client, "get", thread_url(other_project, cursor=cursor))
    assert (response.status_code, problem["code"]) == (400, "invalid_cursor")
    response, problem = api(client, "get", thread_url(project, cursor=cursor, sort="oldest"))
    assert (response.status_code, problem["code"]) == (400, "invalid_cursor")
    response, problem = api(client, "get", thread_url(project, sort="random"))
    assert (response.status_code, problem["code"]) == (400, "invalid_sort")


def test_a_forged_cursor_in_a_page_link_shows_the_first_page(client, project, many):
    response = client.get(f"{project.url}?comments_after=forged")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "ungültig" in soup.select_one(".discussion__notice").get_text()
    assert len(soup.select("#comments > ol.comment-list > li")) == 7


def test_html_pages_link_to_the_next_with_a_cursor(client, project, many):
    soup = BeautifulSoup(client.get(project.url).content, "html.parser")
    newest = [a["id"] for a in soup.select("#comments > ol.comment-list > li > article")]
    assert len(newest) == 7
    more = soup.select_one(".discussion__more a[rel=next]")
    assert more.get_text() == "Weitere Beiträge anzeigen"
    second = BeautifulSoup(client.get(more["href"]).content, "html.parser")
    following = [a["id"] for a in second.select("#comments > ol.comment-list > li > article")]
    assert len(following) == 7 and not set(newest) & set(following)
    assert soup.select_one("#comments-heading").get_text(" ", strip=True) == (
        "Diskussion (90 Beiträge)"
    )


def test_sort_links_mark_the_current_order(client, project, many):
    soup = BeautifulSoup(client.get(f"{project.url}?comments_sort=oldest").content, "html.parser")
    current = soup.select_one(".discussion__sort a[aria-current=true]")
    assert current.get_text() == "Älteste zuerst"


def test_replies_come_with_their_thread_up_to_a_limit(client, project, comment, settings):
    settings.COMMENTS_REPLIES_PREVIEW = 2
    replies = [reply_to(comment, body=f"Antwort {n}") for n in range(3)]
    nested = reply_to(replies[0], body="Tiefer")
    _response, body = api(client, "get", thread_url(project))
    thread = body["comments"][0]
    assert [r["id"] for r in thread["replies"]] == [replies[0].pk, replies[1].pk]
    assert thread["more_replies"] is True and thread["reply_count"] == 4
    soup = BeautifulSoup(client.get(project.url).content, "html.parser")
    more = soup.select_one(f"#comment-{comment.pk} .comment__more a")
    assert more.get_text() == "Alle 4 Antworten anzeigen"
    full = BeautifulSoup(client.get(more["href"]).content, "html.parser")
    shown = {a["id"] for a in full.select(f"#comment-{comment.pk} article")}
    assert shown == {f"comment-{c.pk}" for c in [*replies, nested]}
    _response, all_replies = api(client, "get", f"/api/v1/comments/{comment.pk}/replies")
    assert [r["id"] for r in all_replies["replies"]] == [
        replies[0].pk,
        replies[1].pk,
        replies[2].pk,
        nested.pk,
    ]


def test_the_thread_view_pages_through_long_threads(client, project, comment, settings):
    settings.COMMENTS_THREAD_PAGE_SIZE = 3
    replies = [reply_to(comment) for _ in range(7)]
    seen, cursor = [], None
    for _page in range(100):
        url = f"/api/v1/comments/{comment.pk}/replies" + (f"?cursor={cursor}" if cursor else "")
        _response, body = api(client, "get", url)
        seen += [r["id"] for r in body["replies"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == [r.pk for r in replies]


def test_pinned_official_answers_come_first_on_the_first_page(client, project, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    staff = StaffUserFactory()
    old = timezone.now() - datetime.timedelta(days=3)
    pinned = CommentFactory(
        page=project, author=staff, is_official=True, is_pinned=True, created_at=old
    )
    others = [CommentFactory(page=project) for _ in range(3)]
    _response, body = api(client, "get", thread_url(project))
    assert [c["id"] for c in body["pinned"]] == [pinned.pk]
    assert pinned.pk not in [c["id"] for c in body["comments"]]
    _response, second = api(client, "get", thread_url(project, cursor=body["next_cursor"]))
    assert second["pinned"] == []
    assert sorted(walk(client, project)) == sorted(c.pk for c in others)
    soup = BeautifulSoup(client.get(project.url).content, "html.parser")
    heading = soup.select_one(".discussion__pinned h3").get_text()
    assert heading == "Angeheftete Antworten der Stadt"


def test_pending_and_rejected_comments_are_shown_to_their_author_only(
    client, citizen_client, citizen, project
):
    pending = CommentFactory(
        page=project,
        author=citizen,
        state=CommentState.PENDING,
        body="Wartender Beitrag zur Radspur",
    )
    rejected = CommentFactory(
        page=project,
        author=citizen,
        state=CommentState.REJECTED,
        body="Abgelehnter Beitrag zur Radspur",
    )
    _response, mine = api(citizen_client, "get", thread_url(project))
    assert {c["id"] for c in mine["own_pending"]} == {pending.pk, rejected.pk}
    assert mine["comments"] == [] and mine["comment_count"] == 0
    _response, theirs = api(client, "get", thread_url(project))
    assert theirs["own_pending"] == [] and theirs["comments"] == []
    page_text = BeautifulSoup(client.get(project.url).content, "html.parser").get_text()
    assert "Beitrag zur Radspur" not in page_text
    own_box = BeautifulSoup(citizen_client.get(project.url).content, "html.parser").select_one(
        ".discussion__own"
    )
    assert "Nicht freigegeben" in own_box.get_text() or "nicht freigegeben" in own_box.get_text()


def test_removed_comments_show_the_reason(client, project, comment):
    Comment.objects.filter(pk=comment.pk).update(
        state=CommentState.REMOVED, removal_reason="Beleidigung"
    )
    _response, body = api(client, "get", thread_url(project))
    removed = body["comments"][0]
    assert removed["body"] is None and removed["body_html"] is None
    assert removed["placeholder"] == (
        "Dieser Beitrag wurde von der Moderation entfernt. Grund: Beleidigung"
    )
    assert "Mehr Radwege" not in Client().get(project.url).content.decode()


def test_counts_are_exact(client, project, comment, other_project):
    reply_to(comment)
    CommentFactory(page=project, state=CommentState.PENDING)
    CommentFactory(page=project, state=CommentState.HIDDEN)
    CommentFactory(page=other_project)
    assert Comment.objects.count_for_pages([project, other_project]) == {
        project.pk: 2,
        other_project.pk: 1,
    }
    _response, body = api(client, "get", thread_url(project))
    assert body["comment_count"] == 2


def test_the_thread_is_accessible_markup(client, project, comment):
    reply_to(comment)
    soup = BeautifulSoup(client.get(project.url).content, "html.parser")
    section = soup.select_one("section#comments")
    assert section["aria-labelledby"] == "comments-heading"
    article = section.select_one(f"article#comment-{comment.pk}")
    assert article["aria-labelledby"] == f"comment-{comment.pk}-author"
    assert article.select_one(".comment-list--replies")["aria-label"] == "1 Antwort"
    assert article.select_one("time")["datetime"].startswith(str(comment.created_at.year))
