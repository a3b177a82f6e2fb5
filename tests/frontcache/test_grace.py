"""While the portal is down, Varnish serves the pages it has (grace), and only those."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from tests.frontcache.conftest import start_varnishd, stop_varnishd


class PortalStandIn(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok" if self.path == "/healthz/" else f"Seite {self.path}".encode()
        self.send_response(200)
        self.send_header("Cache-Control", "public, max-age=1, s-maxage=1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached")
        time.sleep(0.2)


def test_stale_pages_are_served_while_the_backend_is_down():
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PortalStandIn)
    thread = threading.Thread(target=backend.serve_forever, daemon=True)
    thread.start()
    varnish = start_varnishd("127.0.0.1", backend.server_address[1])
    try:
        assert varnish.get("/projekte/rad/").cache == "MISS"
        backend.shutdown()
        backend.server_close()
        wait_for(lambda: varnish.backend_health() == "sick")
        stale = varnish.get("/projekte/rad/")
        assert (stale.status, stale.cache) == (200, "HIT")
        assert stale.body == "Seite /projekte/rad/"
        assert int(stale.headers["age"]) >= 2  # past its 1 s TTL: served from grace
        assert varnish.get("/nie/gesehen/").status == 503
    finally:
        stop_varnishd(varnish)
