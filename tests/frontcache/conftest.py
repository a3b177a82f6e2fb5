"""A real Varnish (deploy/varnish/default.vcl) in front of the Django live server.

Started once per session on a free port in 6080-6099; skipped, with the
reason, only where varnishd is not installed (.ci/run installs it).
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

VCL_DIR = Path(settings.BASE_DIR) / "deploy" / "varnish"
PORTS = range(6080, 6100)


def render_backend(directory: Path, host: str, port: int) -> None:
    template = (VCL_DIR / "backend.vcl.template").read_text()
    rendered = template.replace("@BACKEND_HOST@", host).replace("@BACKEND_PORT@", str(port))
    (directory / "backend.vcl").write_text(rendered)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("No free port in 6080-6099 for varnishd")


@dataclass
class Response:
    status: int
    headers: dict
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


@dataclass
class Varnish:
    host: str
    port: int
    process: subprocess.Popen
    directory: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self, method, path, *, cookies=None, headers=None, body=None, source=None
    ) -> Response:
        """``source``: the client's own address (another loopback address is "outside")."""
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(source, 0) if source else None
        )
        headers = dict(headers or {})
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            found = {name.lower(): value for name, value in answer.getheaders()}
            return Response(answer.status, found, text)
        finally:
            connection.close()

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def backend_health(self) -> str:
        listing = subprocess.run(
            [
                shutil.which("varnishadm") or "/usr/bin/varnishadm",
                "-n",
                str(self.directory / "state"),
                "backend.list",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return "sick" if "sick" in listing.lower() else "healthy"

    def forget_everything(self) -> None:
        answer = self.request("BAN", "/", headers={"X-Ban-Path-Prefix": "/"})
        assert answer.status == 200, answer.body


def varnishd_path() -> str | None:
    return shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")


def start_varnishd(backend_host: str, backend_port: int) -> Varnish:
    """A varnishd with the portal's VCL in front of this backend; ``stop_varnishd`` ends it."""
    varnishd = varnishd_path()
    if varnishd is None:
        pytest.skip("varnishd is not installed (apt-get install varnish); .ci/run installs it")
    # Readable by the unprivileged user varnishd compiles the VCL as (pytest's tmp is 0700).
    directory = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    directory.chmod(0o755)
    render_backend(directory, backend_host, backend_port)
    port = free_port()
    log = (directory / "varnishd.log").open("w")
    process = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-n",
            str(directory / "state"),
            "-a",
            f"127.0.0.1:{port}",
            "-p",
            f"vcl_path={directory}:{VCL_DIR}",
            "-f",
            str(VCL_DIR / "default.vcl"),
            "-s",
            "malloc,64m",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    cache = Varnish("127.0.0.1", port, process, directory)
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            pytest.fail(f"varnishd exited: {(directory / 'varnishd.log').read_text()}")
        try:
            cache.get("/healthz/")
            break
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop_varnishd(cache)
            pytest.fail("varnishd did not answer within 30 s")
        time.sleep(0.2)
    return cache


def stop_varnishd(cache: Varnish) -> None:
    cache.process.terminate()
    try:
        cache.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        cache.process.kill()
        cache.process.wait()
    shutil.rmtree(cache.directory, ignore_errors=True)


@pytest.fixture(scope="session")
def varnish(live_server):
    backend = urlsplit(live_server.url)
    host = "127.0.0.1" if backend.hostname == "localhost" else backend.hostname
    cache = start_varnishd(host, backend.port)
    yield cache
    stop_varnishd(cache)


@pytest.fixture
def front_cache(varnish, settings):
    """The portal purges this Varnish; every test starts with it empty."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "frontcache.backends.VarnishBackend",
            "LOCATION": varnish.url,
            "TIMEOUT": 2,
        }
    }
    varnish.forget_everything()
    return varnish
