"""The Redis cache backend: an optimisation, never a dependency.

Every cache call goes through a circuit breaker shared by all threads of the
process (and all cache aliases on the same server). A Redis error (refused,
timed out, read-only, ...) opens it: for ``breaker_cooldown`` seconds no call
goes to Redis at all, so a dead or hung server costs no time per request.
Then one call probes again; when it succeeds the breaker closes. Connect and
socket timeouts are short (``socket_connect_timeout``, ``socket_timeout`` in
OPTIONS, a quarter of a second by default) and redis-py does not retry, so
the call that finds Redis gone waits at most that long.

While the breaker is open or a call fails:

* reads are misses (the callers then read the database) and writes do
  nothing, except for rate-limit counters (keys starting with one of
  ``local_fallback_prefixes``: django-ratelimit's and allauth's), which are
  kept in a per-process memory store instead, so limits still hold per
  process (README, "Redis outage");
* deletes and overwrites that could not reach Redis are remembered and
  replayed once it answers again: an entry written before the outage must
  not outlive an invalidation the outage swallowed (a paused server keeps its
  data). Past ``MAX_PENDING_INVALIDATIONS`` keys the whole cache is flushed
  on recovery instead.

One ``redis.Redis`` client per connection pool: Django's RedisCacheClient
builds a new one for every cache call, and its constructor fills a table of
about 170 response callbacks (a quarter of the Python function calls of a
ballot under cProfile). A client on a pool is safe to share between threads.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger("portal.cache")

DEFAULT_CONNECT_TIMEOUT = 0.25
DEFAULT_SOCKET_TIMEOUT = 0.25
DEFAULT_BREAKER_COOLDOWN = 5.0
# django-ratelimit's RATELIMIT_CACHE_PREFIX and allauth's rate limits (and their locks).
DEFAULT_LOCAL_FALLBACK_PREFIXES = ("rl:", "allauth:rl:")
MAX_PENDING_INVALIDATIONS = 10_000
LOCAL_FALLBACK_MAX_ENTRIES = 10_000


class CircuitBreaker:
    """Closed, open (skip Redis) until ``cooldown`` has passed, then one probe at a time."""

    clock = staticmethod(time.monotonic)

    def __init__(self, name: str, cooldown: float):
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open_until = None  # None: closed
        self._probing = False
        self.attempts = 0  # calls that went to Redis (for tests and readiness)
        self.failures = 0
        self.last_error = ""
        self._pending = set()
        self._pending_overflowed = False

    @property
    def is_closed(self) -> bool:
        return self._open_until is None

    def retry_in(self) -> float:
        open_until = self._open_until
        return 0.0 if open_until is None else max(0.0, open_until - self.clock())

    def allow(self) -> bool:
        if self._open_until is None:
            self.attempts += 1
            return True
        with self._lock:
            if self._open_until is None:
                self.attempts += 1
                return True
            if self._probing or self.clock() < self._open_until:
                return False
            self._probing = True
            self.attempts += 1
            return True

    def record_success(self) -> bool:
        """True when this success closed the breaker (the caller then replays invalidations)."""
        if self._open_until is None:
            return False
        with self._lock:
            if self._open_until is None:
                return False
            self._open_until = None
            self._probing = False
        logger.warning("Redis cache %s answers again; using it again.", self.name)
        return True

    def record_failure(self, error: BaseException) -> None:
        with self._lock:
            was_closed = self._open_until is None
            self.failures += 1
            self.last_error = type(error).__name__
            self._open_until = self.clock() + self.cooldown
            self._probing = False
        if was_closed:
            # Once per outage (and once per failed probe), not once per request.
            logger.warning(
                "Redis cache %s unavailable (%s); serving without it for %.0f s.",
                self.name,
                self.last_error,
                self.cooldown,
            )

    def remember_invalidation(self, keys) -> None:
        with self._lock:
            if self._pending_overflowed:
                return
            self._pending.update(keys)
            if len(self._pending) > MAX_PENDING_INVALIDATIONS:
                self._pending.clear()
                self._pending_overflowed = True

    def remember_flush(self) -> None:
        with self._lock:
            self._pending.clear()
            self._pending_overflowed = True

    def take_invalidations(self):
        """(keys, flush_all) to replay; emptied until handed back with ``remember_invalidation``."""
        with self._lock:
            keys, flush = self._pending, self._pending_overflowed
            self._pending, self._pending_overflowed = set(), False
        return keys, flush

    def reset(self) -> None:
        with self._lock:
            self._open_until = None
            self._probing = False
            self._pending.clear()
            self._pending_overflowed = False
            self.attempts = self.failures = 0
            self.last_error = ""


_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, cooldown: float) -> CircuitBreaker:
    """One breaker per server list and process: cache backends are per thread."""
    key = tuple(servers)
    with _breakers_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = _breakers[key] = CircuitBreaker(",".join(servers), cooldown)
        breaker.cooldown = cooldown
        return breaker


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        cooldown = float(options.pop("breaker_cooldown", DEFAULT_BREAKER_COOLDOWN))
        prefixes = options.pop("local_fallback_prefixes", DEFAULT_LOCAL_FALLBACK_PREFIXES)
        options.setdefault("socket_connect_timeout", DEFAULT_CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        # redis-py would otherwise retry on its own, multiplying the wait.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(self._servers, cooldown)
        self._local_prefixes = tuple(prefixes)
        # LocMemCache shares its store between instances of the same name.
        self._local = LocMemCache(
            f"portal-cache-fallback:{self.breaker.name}:{self.key_prefix}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": LOCAL_FALLBACK_MAX_ENTRIES},
            },
        )

    # -- the guard -----------------------------------------------------------

    def _is_local(self, key) -> bool:
        return isinstance(key, str) and key.startswith(self._local_prefixes)

    def _call(self, operation, unavailable):
        """``operation()`` on Redis, or ``unavailable()`` when the breaker or Redis says no."""
        if not self.breaker.allow():
            return unavailable()
        try:
            result = operation()
        except RedisError as error:
            self.breaker.record_failure(error)
            return unavailable()
        except BaseException:
            # Redis answered (ValueError of incr on a missing key, a pickling error).
            self._recovered()
            raise
        self._recovered()
        return result

    def _recovered(self) -> None:
        if not self.breaker.record_success():
            return
        keys, flush = self.breaker.take_invalidations()
        try:
            if flush:
                logger.warning("Flushing the Redis cache: too many invalidations were missed.")
                self._cache.clear()
            elif keys:
                self._cache.delete_many(list(keys))
        except RedisError as error:
            self.breaker.record_failure(error)
            if flush:
                self.breaker.remember_flush()
            else:
                self.breaker.remember_invalidation(keys)

    def _missed_write(self, *keys, version=None) -> None:
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        self.breaker.remember_invalidation(made)

    # -- Django's cache API ----------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._is_local(key):
            fallback = lambda: self._local.add(key, value, timeout, version)  # noqa: E731
        else:
            fallback = lambda: False  # noqa: E731
        return self._call(
            lambda: super(PortalRedisCache, self).add(key, value, timeout, version), fallback
        )

    def get(self, key, default=None, version=None):
        if self._is_local(key):
            fallback = lambda: self._local.get(key, default, version)  # noqa: E731
        else:
            fallback = lambda: default  # noqa: E731
        return self._call(
            lambda: super(PortalRedisCache, self).get(key, default, version), fallback
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def unavailable():
            if self._is_local(key):
                self._local.set(key, value, timeout, version)
            else:
                self._missed_write(key, version=version)

        self._call(
            lambda: super(PortalRedisCache, self).set(key, value, timeout, version), unavailable
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        def unavailable():
            if self._is_local(key):
                return self._local.touch(key, timeout, version)
            self._missed_write(key, version=version)
            return False

        return self._call(
            lambda: super(PortalRedisCache, self).touch(key, timeout, version), unavailable
        )

    def delete(self, key, version=None):
        def unavailable():
            if self._is_local(key):
                return self._local.delete(key, version)
            self._missed_write(key, version=version)
            return False

        return self._call(lambda: super(PortalRedisCache, self).delete(key, version), unavailable)

    def get_many(self, keys, version=None):
        keys = list(keys)

        def unavailable():
            return self._local.get_many([key for key in keys if self._is_local(key)], version)

        return self._call(
            lambda: super(PortalRedisCache, self).get_many(keys, version), unavailable
        )

    def has_key(self, key, version=None):
        def unavailable():
            return self._is_local(key) and self._local.has_key(key, version)

        return self._call(lambda: super(PortalRedisCache, self).has_key(key, version), unavailable)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            if self._is_local(key):
                return self._local.incr(key, delta, version)
            self._missed_write(key, version=version)
            # What Django answers for a missing key: callers then set a fresh value.
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return self._call(
            lambda: super(PortalRedisCache, self).incr(key, delta, version), unavailable
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        def unavailable():
            local = {key: value for key, value in data.items() if self._is_local(key)}
            self._local.set_many(local, timeout, version)
            self._missed_write(*(key for key in data if key not in local), version=version)
            return []

        return self._call(
            lambda: super(PortalRedisCache, self).set_many(data, timeout, version), unavailable
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)

        def unavailable():
            self._local.delete_many([key for key in keys if self._is_local(key)], version)
            self._missed_write(*(key for key in keys if not self._is_local(key)), version=version)

        self._call(lambda: super(PortalRedisCache, self).delete_many(keys, version), unavailable)

    def clear(self):
        self._local.clear()
        return self._call(lambda: super(PortalRedisCache, self).clear(), lambda: False)

    def ping(self) -> bool:
        """For readiness: True when Redis answered (through the breaker, so cheap when open)."""
        return self._call(lambda: self._cache.get_client(write=True).ping(), lambda: False)
