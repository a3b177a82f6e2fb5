"""The Redis cache backend, with one Redis client per connection pool.

Django's RedisCacheClient builds a new ``redis.Redis`` for every cache call.
Its constructor fills a table of about 170 response callbacks: under
cProfile, a quarter of the Python function calls of a ballot (five cache
calls: the poll's cached structure and the rate limits). A ``redis.Redis``
on a connection pool is safe to share between threads, so one per pool is
enough; the pools themselves stay Django's. (In ``make bench-votes`` the
gain is within the run-to-run spread.)
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
