"""Casts ballots at a steady rate into an open poll, each from a new anonymous browser.

Started by bench/pages/run.py for the "while ballots are cast" rows: the
load runs in its own process through gunicorn while wrk measures. Each
ballot takes a GET of the poll (the browser's signed participant cookie) and
the POST. Four browsers share the rate, so one slow answer does not stall it.
On SIGTERM it prints one JSON line: ballots accepted, refused, failed, and
the POSTs' p50/p99 in ms.

    python bench/pages/ballots.py --port 6101 --poll 3 --rate 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import signal
import statistics
import threading
import time
from http.cookies import SimpleCookie

HOST = "127.0.0.1"


class Browser:
    def __init__(self, connection, csrf_token):
        self.connection = connection
        self.cookies = {"csrftoken": csrf_token}

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers.update(
                {
                    "Content-Type": "application/json",
                    "X-CSRFToken": self.cookies["csrftoken"],
                    "Referer": f"http://{HOST}/",
                }
            )
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, payload


def csrf_token(connection) -> str:
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if "csrftoken" in cookie:
            return cookie["csrftoken"].value
    raise SystemExit("no CSRF cookie from /accounts/login/")


def ballot(poll: dict, rng: random.Random) -> str:
    answers = []
    for question in poll["questions"]:
        choices = [choice["id"] for choice in question.get("choices", [])]
        if question["kind"] == "single" and choices:
            answers.append({"question": question["id"], "choices": [rng.choice(choices)]})
        elif question["kind"] == "multiple" and choices:
            most = min(question.get("max_choices") or len(choices), len(choices), 2)
            least = max(1, question.get("min_choices") or 1)
            picked = rng.sample(choices, rng.randint(min(least, most), most))
            answers.append({"question": question["id"], "choices": picked})
        elif question["kind"] == "rating":
            low, high = question.get("scale_min") or 1, question.get("scale_max") or 5
            answers.append({"question": question["id"], "rating": rng.randint(low, high)})
    return json.dumps({"answers": answers})


def cast(port, poll_id, rate, seed, stopping, *, counts, latencies, lock) -> None:
    """One browser after another at ``rate`` ballots a second, on one keep-alive connection."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    token = csrf_token(connection)
    path = f"/api/v1/polls/{poll_id}"
    started = time.monotonic()
    number = 0
    while not stopping.is_set():
        pause = started + number / rate - time.monotonic()
        if pause > 0:
            stopping.wait(pause)
            continue
        number += 1
        browser = Browser(connection, token)
        try:
            status, payload = browser.request("GET", path)
            if status == 200:
                begin = time.perf_counter()
                body = ballot(json.loads(payload), rng)
                status, _ = browser.request("POST", path + "/ballot", body)
                with lock:
                    latencies.append((time.perf_counter() - begin) * 1000)
        except (OSError, http.client.HTTPException):
            status = None
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
        outcome = (
            "accepted" if status == 201 else "refused" if status and status < 500 else "failed"
        )
        with lock:
            counts[outcome] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--poll", type=int, required=True)
    parser.add_argument("--rate", type=float, default=10.0, help="ballots per second")
    parser.add_argument(
        "--browsers", type=int, default=4, help="concurrent browsers sharing the rate"
    )
    args = parser.parse_args()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    counts = {"accepted": 0, "refused": 0, "failed": 0}
    latencies: list[float] = []
    lock = threading.Lock()
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=cast,
            args=(args.port, args.poll, args.rate / args.browsers, seed, stopping),
            kwargs={"counts": counts, "latencies": latencies, "lock": lock},
            daemon=True,
        )
        for seed in range(args.browsers)
    ]
    for thread in threads:
        thread.start()
    while not stopping.is_set():
        stopping.wait(0.5)
    for thread in threads:
        thread.join(timeout=35)
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        json.dumps(
            {
                **counts,
                "per_second": counts["accepted"] / elapsed if elapsed else 0.0,
                "p50_ms": cuts[49],
                "p99_ms": cuts[98],
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
