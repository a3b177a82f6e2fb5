"""Rate limits count in the shared Redis cache and answer with a retry time."""

import pytest
from django.core.cache import cache

from participation import ratelimit
from participation.refusals import RateLimited
from web.problems import problem_for


@pytest.fixture
def limits(settings):
    settings.PORTAL_RATE_LIMITS = {"test_scope": "2/m"}


def test_third_hit_in_a_minute_is_refused_with_retry_after(limits):
    ratelimit.hit("test_scope", "participant-a")
    ratelimit.hit("test_scope", "participant-a")
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit("test_scope", "participant-a")
    assert 1 <= refused.value.retry_after <= 60
    assert problem_for(refused.value).headers["Retry-After"] == str(refused.value.retry_after)
    assert problem_for(refused.value).status == 429


def test_keys_are_counted_separately(limits):
    for _ in range(2):
        ratelimit.hit("test_scope", "participant-a")
    ratelimit.hit("test_scope", "participant-b")


def test_counts_live_in_redis_without_the_raw_key(limits):
    ratelimit.hit("test_scope", "203.0.113.7")
    keys = [key.decode() for key in cache._cache.get_client().keys("*")]
    assert keys, "the count must be stored in Redis"
    assert not any("203.0.113.7" in key for key in keys)
