"""One storm under its faults, then what the database holds against what clients were told."""

from __future__ import annotations

import json
import random
import time

from clients import Tally, comment, storm, vote
from faults import FaultPlan
from harness import POSTGRES, manage, wait_until_up

CHECK_VOTES = """
import json
from django.db.models import Count, Q
from polls import tallies
from polls.models import Ballot
ballots = Ballot.objects.filter(poll_id={poll_id})
keys = ballots.values("participant_key").annotate(n=Count("id")).filter(n__gt=1)
half = ballots.annotate(
    single=Count("answers", filter=Q(answers__question__kind="single")),
    rating=Count("answers", filter=Q(answers__question__kind="rating")),
    multiple=Count("answers", filter=Q(answers__question__kind="multiple")),
).exclude(single=1, rating=1, multiple__gte=1, multiple__lte=2)
live = {{k: v for k, v in tallies.read({poll_id}).items() if v}}
print(json.dumps({{
    "ids": [str(i) for i in ballots.values_list("public_id", flat=True)],
    "duplicated": sum(row["n"] - 1 for row in keys),
    "half_written": half.count(),
    "tallies_exact": live == tallies.recount({poll_id}),
}}))
"""

CHECK_COMMENTS = """
import json, re
from collections import Counter
from comments.models import Comment
from search.models import OutboxEntry, SearchEntry
rows = list(Comment.objects.filter(page_id={page_id}).values_list("id", "body"))
tokens = Counter(m.group(0) for _id, body in rows for m in [re.search(r"sturm-\\d+", body)] if m)
# No worker runs during the storm: a stored comment has its search update
# waiting in the outbox (or already indexed). One without is half-written.
queued = set(OutboxEntry.objects.filter(source="comment").values_list("object_id", flat=True))
indexed = {{int(k.split(":")[1]) for k in SearchEntry.objects.filter(key__startswith="comment:")
    .values_list("key", flat=True)}}
print(json.dumps({{
    "ids": [row[0] for row in rows],
    "tokens": sorted(tokens),
    "duplicated": sum(n - 1 for n in tokens.values()),
    "half_written": sum(1 for row in rows if row[0] not in queued | indexed),
}}))
"""


def run_storm(name, args, context) -> bool:
    port, env, server = context["port"], context["env"], context["server"]
    rng = random.Random(name)
    if name == "comments":
        total = args.comments
        tally = Tally(total)
        jobs = [lambda n=n: comment(port, context["page"], n, tally) for n in range(total)]
    else:
        total = args.ballots
        tally = Tally(total)
        poll_id = context["polls"][0 if name == "votes" else 1]
        jobs = [lambda: vote(port, poll_id, random.Random(rng.random()), tally)] * total
    plan = FaultPlan(
        tally.progress,
        postgres_url=POSTGRES,
        database=context["database"],
        gunicorn_pid=server.pid,
        db_kills=args.db_kills,
        worker_kills=args.worker_kills,
        redis=context["redis"] if name == "redis" else None,
    )
    plan.start()
    started = time.perf_counter()
    storm(jobs, args.clients)
    seconds = time.perf_counter() - started
    plan.stop()
    wait_until_up(port)

    if name == "comments":
        check = json.loads(
            manage(
                env, "shell", "--no-imports", "-c", CHECK_COMMENTS.format(page_id=context["page"])
            ).splitlines()[-1]
        )
        stored_ids = set(check["ids"])
        extra = {"half-written": check["half_written"]}
    else:
        check = json.loads(
            manage(
                env, "shell", "--no-imports", "-c", CHECK_VOTES.format(poll_id=poll_id)
            ).splitlines()[-1]
        )
        stored_ids = set(check["ids"])
        extra = {
            "half-written": check["half_written"],
            "tallies-exact": "yes" if check["tallies_exact"] else "NO",
        }
    acknowledged = set(tally.acknowledged)
    lost = len(acknowledged - stored_ids)
    duplicated = check["duplicated"] + (len(tally.acknowledged) - len(acknowledged))
    unacknowledged = len(stored_ids - acknowledged)
    faults = plan.done
    fields = {
        "sent": total,
        "acknowledged": len(acknowledged),
        "stored": len(stored_ids),
        "lost": lost,
        "duplicated": duplicated,
        **extra,
        "already-voted": tally.refused_as_duplicate,
        "stored-unacknowledged": unacknowledged,
        "failed": tally.failed,
        "5xx": tally.server_errors,
        "connection-errors": tally.connection_errors,
        "4xx": sum(tally.other_status.values()),
        "max-latency": f"{tally.max_latency * 1000:.0f}ms",
        "seconds": f"{seconds:.1f}",
    }
    fault_text = (
        f"db-kills={faults['db_kills']} (connections terminated: "
        f"{faults['connections_terminated']}) worker-kills={faults['worker_kills']}"
    )
    if name == "redis":
        fault_text += f" redis-stopped={faults['redis_stops']}"
    print(
        f"bench-faults {name}: "
        + " ".join(f"{k}={v}" for k, v in fields.items())
        + f" faults: {fault_text}",
        flush=True,
    )
    bad = lost or duplicated or extra["half-written"] or extra.get("tallies-exact") == "NO"
    return not bad
