"""Rate limits count in the shared Redis cache and answer with a retry time."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from portal import ratelimit
from portal.api.problems import RateLimited


@pytest.fixture
def limits(settings):
    settings.PORTAL_RATE_LIMITS = {"test_scope": "2/m"}


def test_third_hit_in_a_minute_is_refused_with_retry_after(limits):
    request = RequestFactory().post("/")
    ratelimit.hit(request, "test_scope", "participant-a")
    ratelimit.hit(request, "test_scope", "participant-a")
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit(request, "test_scope", "participant-a")
    assert 1 <= refused.value.retry_after <= 60
    assert refused.value.headers["Retry-After"] == str(refused.value.retry_after)
    assert refused.value.status == 429


def test_keys_are_counted_separately(limits):
    request = RequestFactory().post("/")
    for _ in range(2):
        ratelimit.hit(request, "test_scope", "participant-a")
    ratelimit.hit(request, "test_scope", "participant-b")


def test_counts_live_in_redis_without_the_raw_key(limits):
    request = RequestFactory().post("/")
    ratelimit.hit(request, "test_scope", "203.0.113.7")
    keys = [key.decode() for key in cache._cache.get_client().keys("*")]
    assert keys, "the count must be stored in Redis"
    assert not any("203.0.113.7" in key for key in keys)
