"""The storm's clients: anonymous browsers voting and commenting, and what they saw."""

from __future__ import annotations

import http.client
import json
import random
import secrets
import string
import threading
import time
from http.cookies import SimpleCookie

from harness import HOST

RETRIES = 4


def csrf_secret() -> str:
    # Django accepts any 32-character secret a browser holds in its cookie,
    # as long as the header repeats it (double submit).
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


class Browser:
    """One anonymous visitor with its own cookies; reconnects after a broken connection."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None
        self.cookies = {"csrftoken": csrf_secret()}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers.update(
                {"Content-Type": "application/json", "X-CSRFToken": self.cookies["csrftoken"]}
            )
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return None, b""
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if name != "csrftoken":
                    self.cookies[name] = morsel.value
        return response.status, payload


class Tally:
    """What the clients saw, shared by the client threads."""

    def __init__(self, total: int):
        self.lock = threading.Lock()
        self.total = total
        self.finished = 0
        self.acknowledged: list = []
        self.refused_as_duplicate = 0
        self.failed = 0
        self.server_errors = 0
        self.connection_errors = 0
        self.other_status: dict[int, int] = {}
        self.max_latency = 0.0

    def progress(self) -> float:
        return self.finished / self.total

    def saw(self, status, seconds) -> None:
        with self.lock:
            self.max_latency = max(self.max_latency, seconds)
            if status is None:
                self.connection_errors += 1
            elif status >= 500:
                self.server_errors += 1


def timed(browser, method, path, body, tally):
    started = time.perf_counter()
    status, payload = browser.request(method, path, body)
    tally.saw(status, time.perf_counter() - started)
    return status, payload


def ballot_body(poll: dict, rng: random.Random) -> str:
    single, multiple, rating = poll["questions"]
    picks = rng.sample([c["id"] for c in multiple["choices"]], rng.randint(1, 2))
    return json.dumps(
        {
            "answers": [
                {"question": single["id"], "choices": [rng.choice(single["choices"])["id"]]},
                {"question": multiple["id"], "choices": picks},
                {"question": rating["id"], "rating": rng.randint(1, 5)},
            ]
        }
    )


def vote(port, poll_id, rng, tally):
    """One voter: open the poll, send the ballot; on an error send it again (same browser)."""
    browser = Browser(port)
    path = f"/api/v1/polls/{poll_id}"
    outcome = "failed"
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(0.1 * attempt)
        status, payload = timed(browser, "GET", path, None, tally)
        if status != 200:
            continue
        status, payload = timed(
            browser, "POST", path + "/ballot", ballot_body(json.loads(payload), rng), tally
        )
        if status == 201:
            outcome = json.loads(payload)["id"]
            break
        if status == 409:
            outcome = "already"  # an earlier attempt was stored, its answer lost
            break
        if status is not None and status < 500:
            with tally.lock:
                tally.other_status[status] = tally.other_status.get(status, 0) + 1
            break
    with tally.lock:
        tally.finished += 1
        if outcome == "already":
            tally.refused_as_duplicate += 1
        elif outcome == "failed":
            tally.failed += 1
        else:
            tally.acknowledged.append(outcome)


def comment(port, page_id, number, tally):
    """One anonymous comment with a unique token, sent once."""
    browser = Browser(port)
    body = json.dumps({"body": f"Beitrag sturm-{number}: mehr Bäume an der Kreuzung."})
    status, payload = timed(browser, "POST", f"/api/v1/comments/pages/{page_id}", body, tally)
    with tally.lock:
        tally.finished += 1
        if status == 201:
            tally.acknowledged.append(json.loads(payload)["id"])
        else:
            tally.failed += 1
            if status is not None and status < 500:
                tally.other_status[status] = tally.other_status.get(status, 0) + 1


def storm(jobs, clients: int) -> None:
    queue = list(reversed(jobs))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            job()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
