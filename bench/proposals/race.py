"""Proposals benchmark, last step: 1,000 accounts support one proposal at once.

Over 30 threads, each on its own database connection, through
``proposals.services.support``; reports the throughput and whether the
counter equals the rows. Imported by ``run.py`` inside its Django process.
"""

from __future__ import annotations

import threading
import time

CONCURRENT_SUPPORTS, THREADS = 1000, 30


def concurrent_supports(collection) -> dict:
    from allauth.account.models import EmailAddress
    from django.db import connection

    from accounts.models import User
    from participation.page_access import PageAccess
    from participation.participants import Participant, TokenState
    from proposals import services
    from proposals.models import Proposal, Support

    User.objects.bulk_create(
        User(username=f"eilig-{n}", email=f"e{n}@example.org", display_name=f"Eilig {n}")
        for n in range(CONCURRENT_SUPPORTS)
    )
    users = list(User.objects.filter(username__startswith="eilig-"))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
    )
    proposal = Proposal.objects.create(
        collection=collection, author=None, title="Eilig", description="Alle auf einmal."
    )
    barrier = threading.Barrier(THREADS)
    failures = []

    def work(index):
        try:
            barrier.wait()
            for user in users[index::THREADS]:
                participant = Participant(
                    user=user,
                    anonymous_token=None,
                    token_state=TokenState.MISSING,
                    ip_hash="bench",
                    access=PageAccess(user=user),
                )
                services.support(participant, proposal.pk)
        except Exception as error:
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    proposal.refresh_from_db()
    rows = Support.objects.filter(proposal=proposal).count()
    return {
        "supports": CONCURRENT_SUPPORTS,
        "threads": THREADS,
        "failures": failures[:3],
        "rows": rows,
        "counter": proposal.support_count,
        "per_second": round(CONCURRENT_SUPPORTS / seconds),
    }
