"""The faults: real processes killed and stopped, no mocks.

- database connections of the portal terminated by PostgreSQL itself
  (``pg_terminate_backend``), as a failover, a restart or an admin would;
- a gunicorn worker killed with SIGKILL (the master starts a new one);
- the cache's Redis (a throw-away ``redis-server`` of the benchmark) stopped
  and started again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

KILL_ONE_CONNECTION = """
SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend'
ORDER BY random() LIMIT 1
"""


def children(parent: int) -> list[int]:
    """Processes whose parent is ``parent`` (the gunicorn master's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may contain spaces; fields follow the last ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return sorted(found)


class ThrowAwayRedis:
    """A redis-server on its own port, without persistence, for the portal's cache."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise SystemExit(f"redis-server on port {self.port} did not come up")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class FaultPlan(threading.Thread):
    """Fires the faults as the storm progresses (by the share of requests done).

    Faults spread over 5 to 90 % of the storm so that each hits requests in
    flight; ``progress()`` returns the share done (0..1).
    """

    def __init__(
        self,
        progress,
        *,
        postgres_url,
        database,
        gunicorn_pid,
        db_kills,
        worker_kills,
        redis: ThrowAwayRedis | None = None,
        redis_down=(0.3, 0.6),
    ):
        super().__init__(daemon=True)
        self.progress = progress
        self.postgres_url = postgres_url
        self.database = database
        self.gunicorn_pid = gunicorn_pid
        self.redis = redis
        self.redis_down = redis_down
        events = [(0.05 + 0.85 * (i + 1) / (db_kills + 1), "db") for i in range(db_kills)]
        events += [
            (0.2 + 0.6 * (i + 1) / (worker_kills + 1), "worker") for i in range(worker_kills)
        ]
        if redis:
            events += [(redis_down[0], "redis-stop"), (redis_down[1], "redis-start")]
        self.events = sorted(events)
        self.done = {
            "db_kills": 0,
            "connections_terminated": 0,
            "worker_kills": 0,
            "redis_stops": 0,
        }
        self.finished = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(f"{self.postgres_url}/postgres", autocommit=True) as admin:
            for at, kind in self.events:
                while self.progress() < at:
                    if self.finished.wait(0.02):
                        return
                if kind == "db":
                    terminated = admin.execute(KILL_ONE_CONNECTION, (self.database,)).fetchall()
                    self.done["db_kills"] += 1
                    self.done["connections_terminated"] += len(terminated)
                elif kind == "worker":
                    workers = children(self.gunicorn_pid)
                    if workers:
                        os.kill(workers[0], signal.SIGKILL)
                        self.done["worker_kills"] += 1
                elif kind == "redis-stop":
                    self.redis.stop()
                    self.done["redis_stops"] += 1
                elif kind == "redis-start":
                    self.redis.start()

    def stop(self) -> None:
        self.finished.set()
        self.join(timeout=10)
        if self.redis and (self.redis.process is None or self.redis.process.poll() is not None):
            self.redis.start()
