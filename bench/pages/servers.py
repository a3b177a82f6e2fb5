"""The page benchmark's servers: its own database, gunicorn and Varnish (bench/pages/run.py)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from itertools import batched
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
HOST = "127.0.0.1"
DATABASE = os.environ.get("BENCH_DATABASE", "bench_pages")
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
RESULTS = ROOT / "bench" / "results" / "pages"
# The shared Varnish configuration, once it is in the repository; until then ours.
VCL_CANDIDATES = (ROOT / "deploy" / "varnish" / "default.vcl",)

# The application caches, switched off for the "off" server. Settings that do
# not exist yet are harmless here.
CACHE_PREFIXES = ("bench-pages-off", "bench-pages-on")
CACHE_OFF_ENV = {
    "COMMENTS_THREAD_CACHE_SECONDS": "0",
    "PORTAL_PAGE_CACHE_SECONDS": "0",
    "PAGE_CACHE_SECONDS": "0",
    "SEARCH_CACHE_SECONDS": "0",
}


class BenchError(Exception):
    pass


class Processes:
    """Every process the benchmark starts, each in its own process group, ended on exit."""

    def __init__(self):
        self.running: list[subprocess.Popen] = []
        self.directories: list[Path] = []

    def start(self, command, stop_signal=signal.SIGTERM, **options) -> subprocess.Popen:
        process = subprocess.Popen(command, start_new_session=True, **options)
        process.stop_signal = stop_signal
        self.running.append(process)
        return process

    def stop(self, process, timeout=20.0) -> None:
        if process.poll() is None:
            # The leader only: gunicorn's master ends its own workers (signalled
            # too, they linger); the whole group is killed if it does not end in time.
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, process.stop_signal)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.running:
            self.running.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.running)):
            self.stop(process)
        for directory in self.directories:
            shutil.rmtree(directory, ignore_errors=True)


def environment(cache_off: bool, prefix: str) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or SECRET_KEY,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
        "EMAIL_HOST": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "RATE_LIMIT_BALLOTS_PER_IP": "10000000/h",
        "RATE_LIMIT_BALLOTS_PER_PARTICIPANT": "10000000/h",
        "LOG_LEVEL": "ERROR",
        "STATIC_ROOT": str(RESULTS / "static"),
        "MEDIA_ROOT": str(RESULTS / "media"),
        "PORTAL_SERVE_MEDIA": "false",
    }
    if cache_off:
        env.update(CACHE_OFF_ENV)
    return env


SECRET_KEY = secrets.token_urlsafe(50)


def run(command, env, what: str) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"{what} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def flush_redis() -> None:
    """Only the benchmark's own keys: the Redis database may be shared."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for prefix in CACHE_PREFIXES:
        for keys in batched(client.scan_iter(match=f"{prefix}:*", count=1000), 500):
            client.delete(*keys)


def load(env) -> dict:
    loader = {**env, "DJANGO_SETTINGS_MODULE": "bench.pages.settings"}
    manage = [PYTHON, "manage.py"]
    print(f"Migrating {DATABASE} ...", flush=True)
    run([*manage, "migrate", "--no-input", "-v", "0"], loader, "migrate")
    run([*manage, "collectstatic", "--no-input", "-v", "0"], loader, "collectstatic")
    print("Loading the demo content ...", flush=True)
    run([*manage, "load_demo_content", "--force", "-v", "0"], loader, "load_demo_content")
    run([*manage, "reindex", "-v", "0"], loader, "reindex")
    output = run([PYTHON, str(HERE / "setup_data.py")], loader, "setup_data.py")
    run(["psql", f"{POSTGRES}/{DATABASE}", "-q", "-c", "VACUUM ANALYZE"], loader, "VACUUM")
    return json.loads(output.strip().splitlines()[-1])


def get(port: int, path: str, cookie: str | None = None) -> tuple[int, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.headers)
    finally:
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, what: str, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{what} exited with {process.returncode} before it answered")
        try:
            if get(port, "/robots.txt")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise BenchError(f"{what} did not answer on port {port} within {timeout:.0f} s")


def start_gunicorn(processes, env, port, args, log) -> subprocess.Popen:
    command = [
        GUNICORN,
        "portal.wsgi:application",
        *("--bind", f"{HOST}:{port}", "--worker-class", "gthread"),
        *("--workers", str(args.workers), "--threads", str(args.threads)),
        *("--keep-alive", "10", "--log-level", "warning", "--no-control-socket"),
    ]
    # SIGINT is gunicorn's quick shutdown: no waiting for open keep-alive connections.
    return processes.start(
        command, stop_signal=signal.SIGINT, cwd=ROOT, env=env, stdout=log, stderr=log
    )


def start_varnish(processes, backend_port, port, log) -> tuple[subprocess.Popen, Path]:
    """varnishd with the portal's VCL (deploy/varnish), its backend rendered to our gunicorn."""
    source = VCL_CANDIDATES[0]
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-varnish-"))
    workdir.chmod(0o755)  # varnishd compiles the VCL as an unprivileged user
    processes.directories.append(workdir)
    template = (source.parent / "backend.vcl.template").read_text()
    rendered = template.replace("@BACKEND_HOST@", HOST).replace("@BACKEND_PORT@", str(backend_port))
    (workdir / "backend.vcl").write_text(rendered)
    command = [
        "varnishd",
        "-F",
        *("-n", str(workdir / "state")),
        *("-a", f"{HOST}:{port}", "-p", f"vcl_path={workdir}:{source.parent}"),
        *("-f", str(source), "-s", "malloc,256m"),
    ]
    return processes.start(command, stdout=log, stderr=log), source
