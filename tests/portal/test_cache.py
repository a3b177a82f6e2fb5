"""The portal's Redis cache backend: Django's behaviour, one Redis client per pool."""

import threading

from django.core.cache import cache, caches


def test_cache_calls_share_one_redis_client():
    client = cache._cache.get_client(write=True)
    cache.set("shared-client", "eins")
    assert cache.get("shared-client") == "eins"
    assert cache.add("shared-client", "zwei") is False
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client(write=False) is client  # one server: reads use it too


def test_threads_share_one_backend_and_its_client_safely():
    # caches["default"] is this thread's backend object; the threads use it
    # (and so its one Redis client) rather than each getting their own.
    backend = caches["default"]
    backend.set("thread-counter", 0)
    errors = []

    def bump():
        try:
            for _ in range(50):
                backend.incr("thread-counter")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert backend.get("thread-counter") == 400


def test_after_the_cool_down_only_one_call_at_a_time_probes(monkeypatch):
    from portal.cache import CircuitBreaker

    now = [100.0]
    monkeypatch.setattr(CircuitBreaker, "clock", staticmethod(lambda: now[0]))
    breaker = CircuitBreaker("redis://example", cooldown=5)
    breaker.record_failure(ConnectionError("refused"))
    assert not breaker.allow()
    now[0] += 6
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # others skip Redis while it is out
    assert breaker.record_success()
    assert breaker.allow()
    assert breaker.is_closed
