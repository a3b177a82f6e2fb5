"""Fires prepared ballots with wrk, a load generator written in C.

The Python clients of run.py spend about as much CPU per request as the
portal does, on the same two cores. wrk leaves the cores to the server:
Python prepares the anonymous browsers (cookie and CSRF token, untimed), a
Lua script hands each request the next browser's cookies and ballot, and
re-posts a share of them to provoke "already voted". wrk's latency
percentiles also hold the few GET /healthz/ a thread sends while it waits for
the last answers of its share (a handful per connection).
"""

import json
import random
import subprocess
import threading
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "results"

LUA = r"""
local shares = dofile("%(data)s")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  entries = shares[id]
  position = 1
  ballots = 0
  for _, entry in ipairs(entries) do
    if entry[1] then ballots = ballots + 1 end
  end
  created, conflicts, others = 0, 0, 0
end

-- Placeholders ({}) and the requests after a thread's share are cheap
-- GET /healthz/ (200), not counted: wrk calls the first thread's request()
-- once before the run to check the script, and connections that have no
-- ballot left keep asking until the last answers of the share are in.
function request()
  local entry = entries[position] or {}
  position = position + 1
  if not entry[1] then return wrk.format("GET", "/healthz/") end
  return wrk.format("POST", "%(path)s", {
    ["Cookie"] = entry[1],
    ["X-CSRFToken"] = entry[2],
    ["Content-Type"] = "application/json",
    ["Referer"] = "http://%(host)s:%(port)d/",
  }, entry[3])
end

function response(status, headers, body)
  if status == 200 then return end
  if status == 201 then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  else others = others + 1 end
  if created + conflicts + others >= ballots then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local created, conflicts, others = 0, 0, 0
  for _, thread in ipairs(threads) do
    created = created + thread:get("created")
    conflicts = conflicts + thread:get("conflicts")
    others = others + thread:get("others")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK {"created": %%d, "conflicts": %%d, "others": %%d, "socket_errors": %%d, '
      .. '"seconds": %%f, "p50": %%f, "p95": %%f}\n',
    created, conflicts, others, e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def lua_string(value: str) -> str:
    return "[==[" + value + "]==]"


def prepare_browsers(port, poll_id, ballots, token, preparers=8):
    from run import HOST, Browser, ballot_body  # bench/votes is sys.path[0] when run.py runs

    """(cookie header, CSRF token, ballot body) for each of ``ballots`` new browsers."""
    path = f"/api/v1/polls/{poll_id}"
    prepared: list = []
    lock = threading.Lock()

    def work(seed, count):
        import http.client

        rng = random.Random(seed)
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        mine = []
        poll = None
        for _ in range(count):
            browser = Browser(connection, token)
            status, payload = browser.request("GET", path)
            if status != 200:
                raise SystemExit(f"GET {path} answered {status}")
            poll = poll or json.loads(payload)
            cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
            mine.append((cookie, browser.cookies["csrftoken"], ballot_body(poll, rng)))
        with lock:
            prepared.extend(mine)

    base, extra = divmod(ballots, preparers)
    shares = [base + (1 if i < extra else 0) for i in range(preparers)]
    threads = [threading.Thread(target=work, args=(i, n)) for i, n in enumerate(shares)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return prepared


def run_wrk(port, poll_id, ballots, clients, duplicate_share, token, wrk_threads=2):
    browsers = prepare_browsers(port, poll_id, ballots, token)
    rng = random.Random(1)
    # Each wrk thread posts its share of new ballots, then repeats some of them.
    shares = []
    for index in range(wrk_threads):
        share = browsers[index::wrk_threads]
        shares.append(share + [entry for entry in share if rng.random() < duplicate_share])
    repeats = sum(len(share) for share in shares) - len(browsers)
    # wrk calls the first thread's request() once before the run to check the
    # script (script_verify_request); that call gets a placeholder.
    shares[0].insert(0, ())
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = RESULTS / "votes-wrk-data.lua"
    data.write_text(
        "return {\n"
        + ",\n".join(
            "{"
            + ",\n".join(
                "{" + ", ".join(lua_string(part) for part in entry) + "}" for entry in share
            )
            + "}"
            for share in shares
        )
        + "\n}\n"
    )
    script = RESULTS / "votes-wrk.lua"
    script.write_text(
        LUA
        % {
            "data": data,
            "path": f"/api/v1/polls/{poll_id}/ballot",
            "host": "127.0.0.1",
            "port": port,
        }
    )
    command = ["wrk", "-t", str(wrk_threads), "-c", str(max(clients, wrk_threads))]
    command += ["-d", "120s", "--timeout", "30s", "-s", str(script), f"http://127.0.0.1:{port}/"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK "))
    result = json.loads(line.removeprefix("WRK "))
    return {
        "accepted": result["created"],
        "duplicates": result["conflicts"],
        # Every repeat must have been refused; anything but 201/409 is an error.
        "errors": result["others"]
        + result["socket_errors"]
        + max(0, repeats - result["conflicts"]),
        "seconds": result["seconds"],
        "p50_ms": result["p50"],
        "p95_ms": result["p95"],
    }
