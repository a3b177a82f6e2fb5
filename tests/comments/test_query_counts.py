"""Rendering a page of a thread costs the same number of queries at 10 and at 10,000 comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments import threads
from comments.models import Comment
from tests.comments.factories import bulk_thread
from tests.comments.helpers import logged_in, open_project, thread_url

# The API for an anonymous visitor: the page (with whether a view restriction
# applies), its phases, the top-level comments (with the pinned answers and the
# count), the replies. tests/performance/test_api_query_budgets.py holds every reader to it.
API_QUERIES = 4


@pytest.fixture(autouse=True)
def rendering_without_the_cache(settings):
    """These tests measure rendering; test_thread_cache.py covers the cached path."""
    settings.COMMENTS_THREAD_CACHE_SECONDS = 0


def build(project_index, total: int, slug: str):
    project = open_project(project_index, slug=slug)
    roots = bulk_thread(project, top_level=total // 10, replies_per_thread=9)
    assert Comment.objects.for_page(project).count() == total
    return project, roots


def deep_cursor(project, roots):
    """A cursor far into the thread (newest first): 90 % of the threads lie before it."""
    by_newest = sorted(roots, key=lambda c: (c.created_at, c.pk), reverse=True)
    position = len(roots) * 9 // 10 if len(roots) > 1 else 0
    return threads.encode_cursor(threads.page_scope(project), "newest", by_newest[position])


def count_queries(client, url) -> int:
    # Warm up first: per-process caches (content types, site root paths) fill on first use.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


@pytest.fixture
def small_and_large(project_index):
    return build(project_index, 10, "klein"), build(project_index, 10_000, "gross")


def test_api_thread_pages_cost_a_constant_number_of_queries(client, small_and_large):
    (small, _small_roots), (large, large_roots) = small_and_large
    first = [count_queries(client, thread_url(page)) for page in (small, large)]
    deep = count_queries(client, thread_url(large, cursor=deep_cursor(large, large_roots)))
    assert first[0] == first[1] <= API_QUERIES
    # Deep pages cost what the first does (the pinned answers come with the first page's query).
    assert deep == first[1]


def test_api_queries_for_a_signed_in_viewer_are_constant(citizen, small_and_large):
    client = logged_in(citizen)
    (small, _roots), (large, _large_roots) = small_and_large
    counts = [count_queries(client, thread_url(page)) for page in (small, large)]
    assert counts[0] == counts[1]


def test_html_thread_pages_cost_a_constant_number_of_queries(
    client, small_and_large, django_assert_max_num_queries
):
    (small, _small_roots), (large, large_roots) = small_and_large
    counts = [count_queries(client, page.url) for page in (small, large)]
    deep = count_queries(client, f"{large.url}?comments_after={deep_cursor(large, large_roots)}")
    assert counts[0] == counts[1]
    assert deep == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(f"{large.url}?comments_sort=most_supported")
    with django_assert_max_num_queries(counts[0]):
        client.get(f"{large.url}?comments_thread={large_roots[500].pk}")


def test_large_pages_are_complete(client, small_and_large):
    (_small, _roots), (large, _large_roots) = small_and_large
    response = client.get(thread_url(large))
    body = response.json()
    assert body["comment_count"] == 10_000
    assert len(body["comments"]) == 20
    assert all(len(c["replies"]) == 5 and c["more_replies"] for c in body["comments"])
