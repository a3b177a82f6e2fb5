"""The circuit breaker: a hung Redis is asked once per cool-down, not once per request.

Counted in Redis attempts (calls that went to the server), not timed.
"""

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.faults


@pytest.fixture
def pages(home_page, project_index):
    return [home_page.url, project_index.url, "/api/v2/pages/", "/accounts/login/"]


def test_a_hung_redis_is_asked_once_then_skipped(redis_cache, pages):
    client = Client()
    for url in pages:
        assert client.get(url).status_code == 200
    redis_cache.hang()
    before = cache.breaker.attempts
    for _round in range(5):
        for url in pages:
            assert client.get(url).status_code == 200
    # Twenty requests with several cache calls each: one call waited for the
    # socket timeout, every other one skipped Redis.
    assert cache.breaker.attempts - before == 1
    assert cache.breaker.failures == 1
    assert not cache.breaker.is_closed


def test_after_the_cool_down_one_request_probes_again(redis_cache, pages, breaker_clock):
    redis_cache.hang()
    Client().get(pages[0])
    breaker_clock.advance(cache.breaker.cooldown + 1)
    before = cache.breaker.attempts
    for url in pages:
        assert Client().get(url).status_code == 200
    assert cache.breaker.attempts - before == 1  # the probe, which timed out again
    assert cache.breaker.failures == 2

    redis_cache.resume()
    breaker_clock.advance(cache.breaker.cooldown + 1)
    assert Client().get(pages[0]).status_code == 200
    assert cache.breaker.is_closed


def test_invalidations_missed_during_the_outage_are_replayed(redis_cache, breaker_clock):
    cache.set("poll-structure", "before the edit")
    cache.set("thread-version", 1)
    redis_cache.hang()
    # An editor changes the poll and a comment arrives: both invalidations fail.
    cache.delete("poll-structure")
    with pytest.raises(ValueError):
        cache.incr("thread-version")
    assert cache.get("poll-structure") is None  # a miss meanwhile, never the old entry
    redis_cache.resume()
    breaker_clock.advance(cache.breaker.cooldown + 1)
    # The paused server kept its data; the first call after the cool-down replays.
    assert cache.get("poll-structure") is None
    assert cache.get("thread-version") is None
    assert redis_cache.client().dbsize() == 0


def test_readiness_reports_redis_degraded_and_recovered(redis_cache, db, breaker_clock):
    response = Client().get("/readyz/")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "ok"

    redis_cache.hang()
    response = Client().get("/readyz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["cache"]["breaker"] == "open"
    assert body["checks"]["database"]["status"] == "ok"

    redis_cache.resume()
    breaker_clock.advance(cache.breaker.cooldown + 1)
    assert Client().get("/readyz/").json()["checks"]["cache"]["status"] == "ok"
