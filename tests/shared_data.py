"""Data built once for a whole test module, inside a transaction rolled back at its end.

Each test's own transaction (pytest-django's ``db``) is then a savepoint
inside it: whatever a test writes is rolled back to the module's data, and
the module's data is rolled back after its last test, as Django's
``TestCase.setUpTestData`` does for a class. Only for data the tests read
or change through the database: a Python object a fixture hands out is
shared by every test of the module, so hand out fresh copies (ids, or
objects fetched again per test).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back_at_end(django_db_blocker) -> Iterator[None]:
    """A transaction open until the block ends, then rolled back.

    The database is unblocked only to open and to end it: the tests still
    need ``db`` (or the ``django_db`` marker) to reach it.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def every_test_of_the_module_uses(request, fixture: str) -> bool:
    """Whether every selected test of the module that reaches the database uses ``fixture``.

    Module data is only for such modules: a test without the fixture would
    find the data of the others, and a test that empties the database
    (marker flushes_db, tests/conftest.py) cannot run inside a transaction.
    """
    module = request.module
    items = [item for item in request.session.items if getattr(item, "module", None) is module]
    with_database = [item for item in items if _reaches_the_database(item)]
    return bool(with_database) and all(
        fixture in item.fixturenames and item.get_closest_marker("flushes_db") is None
        for item in with_database
    )


def _reaches_the_database(item) -> bool:
    names = getattr(item, "fixturenames", ())
    markers = ("django_db", "flushes_db")
    return any(item.get_closest_marker(name) for name in markers) or bool(
        {"db", "transactional_db", "live_server"} & set(names)
    )
