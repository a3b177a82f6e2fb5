"""Running test code in threads that start at the same moment (race tests on PostgreSQL)."""

import threading

from django.db import connection


def run_together(count, work):
    """Runs ``work(index)`` in ``count`` threads released at once; returns outcomes by index.

    An exception raised by ``work`` is the outcome of its thread. Each thread
    closes its own database connection when done.
    """
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def target(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
