"""Schemathesis against `make run`'s set-up: dev settings, SQLite, demo content, a real server.

SQLite fails differently from PostgreSQL (integers past 64 bits are an
``OverflowError`` there, control characters an ``OperationalError`` in its
full-text search), so the fuzzing runs on both. The PostgreSQL run is
tests/api/test_schemathesis.py.

Part of every run (about 40 seconds on a quiet machine, beside the other
worker's tests); ``PORTAL_FUZZ_SQLITE=0`` skips it. The server listens on
the port in ``PORTAL_FUZZ_PORT``, else a free one.

Migrating an empty SQLite database is most of that time, and its result
depends only on the migrations, the settings and the installed packages:
it is kept in ``~/.cache/portal-tests`` (``PORTAL_TEST_CACHE``) under a hash
of those, and each run copies it and loads the demo content anew. A
changed migration, setting or package version migrates from scratch.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("PORTAL_FUZZ_SQLITE") == "0",
    reason="PORTAL_FUZZ_SQLITE=0",
)

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CACHE = Path(os.environ.get("PORTAL_TEST_CACHE") or Path.home() / ".cache" / "portal-tests")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (a local URL)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def migration_inputs() -> list[Path]:
    """The repository's migrations and settings (not those of the virtualenv's packages)."""
    found = [
        *BASE_DIR.glob("*/migrations/*.py"),
        *BASE_DIR.glob("*/*/migrations/*.py"),
        *BASE_DIR.glob("portal/settings/*.py"),
    ]
    return sorted(p for p in found if not p.relative_to(BASE_DIR).parts[0].startswith("."))


def migrated_key() -> str:
    """A hash of all a migrated database depends on: migrations, settings, package versions."""
    digest = hashlib.sha256()
    for path in migration_inputs():
        digest.update(str(path.relative_to(BASE_DIR)).encode() + b"\0" + path.read_bytes())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()[:20]


def migrated_database(target: Path, manage: list[str], env: dict) -> None:
    """Copies a freshly migrated SQLite database to ``target``, migrating only on a cache miss."""
    cached = CACHE / f"migrated-{migrated_key()}.sqlite3"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        scratch = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        scratch.unlink(missing_ok=True)
        subprocess.run(
            [*manage, "migrate", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env={**env, "DATABASE_URL": f"sqlite:///{scratch}"},
            check=True,
            capture_output=True,
        )
        scratch.replace(cached)  # whole or not at all, also beside a parallel run
    shutil.copyfile(cached, target)


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("sqlite-dev")
    port = int(os.environ.get("PORTAL_FUZZ_PORT") or free_port())
    base_url = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SEARCH_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        WAGTAILADMIN_BASE_URL=base_url,
    )
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    migrated_database(tmp_path / "db.sqlite3", manage, env)
    subprocess.run(
        [*manage, "load_demo_content"], cwd=BASE_DIR, env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(tmp_path / "gunicorn.log"),
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        wait_for(f"{base_url}/api/schema/")
        yield base_url, tmp_path / "gunicorn.log"
    finally:
        server.terminate()
        server.wait(timeout=30)


HUGE = "9223372036854775808"
# The examples of issue 12 (a fuzzing run against make run's server, and PostgreSQL errors).
SQLITE_EXAMPLES = [
    f"/api/v1/comments/pages/{HUGE}",
    f"/api/v1/search/?q=Markt&project={HUGE}",
    f"/api/v1/search/?q=Markt&year={HUGE}",
    f"/api/v1/search/?q=Markt&page={HUGE}",
    f"/api/v1/search/?q=Markt&department={HUGE}",
    "/api/v2/images/?search=%01",
    f"/api/v2/pages/?offset={HUGE}",
    f"/api/v2/images/?offset={HUGE}",
    f"/api/v2/documents/?offset={HUGE}",
    "/api/v2/pages/?first_published_at=x",
    "/api/v2/pages/?search=Markt&search_operator=xx",
]


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a local URL)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_api_answers_without_server_errors_on_sqlite(dev_server):
    base_url, log = dev_server
    statuses = {url: status_of(base_url + url) for url in SQLITE_EXAMPLES}
    assert all(400 <= status < 500 for status in statuses.values()), statuses
    run = subprocess.run(
        [
            str(BIN / "st"),
            "run",
            f"{base_url}/api/schema/",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "10",
            "--checks",
            "not_a_server_error",
            "--generation-deterministic",
            "--no-color",
        ],
        cwd=log.parent,  # schemathesis leaves its .schemathesis folder there
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + log.read_text()[-4000:]


def test_make_run_pages_answer_on_sqlite(dev_server):
    """Every page a visitor of `make run` opens, and the thread API of each project.

    SQLite lacks what PostgreSQL has (LIMIT inside a UNION, JSON subqueries):
    the code paths for SQLite must answer too.
    """
    base_url, log = dev_server
    with urllib.request.urlopen(  # noqa: S310 (a local URL)
        f"{base_url}/api/v2/pages/?type=pages.ProjectPage&fields=_,id,html_url&limit=50",
        timeout=30,
    ) as response:
        projects = json.load(response)["items"]
    assert projects, "the demo has project pages"
    urls = ["/", "/projekte/", "/search/?q=Radweg", "/vorhaben/", "/newsletter/"]
    for project in projects:
        urls.append(urlsplit(project["meta"]["html_url"]).path)
        urls.append(f"/api/v1/comments/pages/{project['id']}")
    statuses = {url: status_of(base_url + url) for url in urls}
    failed = {url: status for url, status in statuses.items() if status != 200}
    assert not failed, f"{failed}\n{log.read_text()[-4000:]}"
