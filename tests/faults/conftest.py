"""A throw-away redis-server as the portal's cache, to stop, hang and bring back.

Ports come from FAULTS_REDIS_PORTS (``first-last``, default 17000-17099) so
that parallel runs on one machine do not collide.
"""

import os
import signal
import socket
import subprocess
import time

import pytest
import redis

import portal.cache


def port_range() -> range:
    """The ports to try; pytest-xdist workers take every other one, so two never race for one."""
    first, _dash, last = os.environ.get("FAULTS_REDIS_PORTS", "17000-17099").partition("-")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    number = int(worker[2:]) if worker[2:].isdigit() else 0
    return range(int(first) + number % workers, int(last) + 1, workers)


def free_port() -> int:
    for port in port_range():
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port for a throw-away redis-server")


class RedisProcess:
    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        for _attempt in range(200):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.02)
        raise RuntimeError(f"redis-server on {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def hang(self) -> None:
        """The process stays, its sockets accept, nothing answers (``kill -STOP``)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=1)


class FakeClock:
    """The breaker's clock: a cool-down passes when a test says so, not by waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def breaker_clock(monkeypatch):
    clock = FakeClock()
    breaker_class = getattr(portal.cache, "CircuitBreaker", None)
    if breaker_class is not None:
        monkeypatch.setattr(breaker_class, "clock", staticmethod(clock))
    return clock


@pytest.fixture
def redis_cache(settings, breaker_clock):
    """The default cache on its own redis-server; yields the process to stop or hang."""
    server = RedisProcess(free_port())
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "faults",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    breakers = getattr(portal.cache, "_breakers", {})
    for breaker in breakers.values():
        breaker.reset()
    try:
        yield server
    finally:
        server.stop()


FAULTS = ("stopped", "hung")


def inflict(server: RedisProcess, fault: str) -> None:
    if fault == "stopped":
        server.stop()
    else:
        server.hang()
