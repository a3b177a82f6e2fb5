"""``/robots.txt``: the portal's cheapest answer through the whole middleware stack."""

from unittest import mock

import pytest
import redis
from django.db import connection
from django.test import Client


def counting_redis_commands():
    """Patches every way a Redis command leaves the process; returns the list they land in."""
    commands = []
    patches = []
    for cls in (redis.Redis, redis.client.Pipeline):
        original = cls.execute_command

        def counting(self, *args, _original=original, **options):
            commands.append(args[0] if args else "?")
            return _original(self, *args, **options)

        patches.append(mock.patch.object(cls, "execute_command", counting))
    return commands, patches


def test_robots_txt_names_the_sitemap_and_keeps_robots_out_of_the_admin():
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /cms/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("page_cache_seconds", [0, 300])
def test_robots_txt_makes_no_query_and_no_cache_call(settings, page_cache_seconds):
    # No db fixture either: pytest-django would refuse a query with an error.
    # With the page cache on, too: only the page tree's pages are ever stored there.
    settings.PORTAL_PAGE_CACHE_SECONDS = page_cache_seconds
    client = Client()
    queries = []

    def counting_queries(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    commands, patches = counting_redis_commands()
    for patch in patches:
        patch.start()
    try:
        with connection.execute_wrapper(counting_queries):
            response = client.get("/robots.txt")
    finally:
        for patch in patches:
            patch.stop()
    assert response.status_code == 200
    assert queries == []
    assert commands == []


def test_robots_txt_may_be_shared_by_caches():
    response = Client().get("/robots.txt")
    assert response["Cache-Control"].startswith("public")
    assert not response.cookies


def test_robots_txt_answers_only_reads():
    assert Client().post("/robots.txt").status_code == 405
