"""Hot querysets turned into SQL once per process, then run with each request's values.

Building a queryset (``filter``, ``annotate``, ``union``) and compiling it to
SQL costs more CPU than PostgreSQL needs to answer a small, indexed query:
for the thread API about half of each request. ``run`` builds the queryset
once per *shape* (what changes the SQL text: the sort, whether there is a
cursor, the number of ids), with stand-in values (``Markers``) for the
values that differ between requests, compiles it, and remembers the SQL and
where each stand-in sits among its parameters. Later calls copy the
compiler, put the request's values in those places and let Django's own
iterable turn the rows into model instances (annotations included), so the
result equals what the queryset itself would give.

A stand-in that Django copied into the SQL text instead of a parameter, or
that does not turn up among the parameters, makes ``run`` fall back to
building the queryset each time (and say so once in the log): never a wrong
query.
"""

from __future__ import annotations

import copy
import datetime
import logging
from collections.abc import Callable, Hashable, Sequence

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet

logger = logging.getLogger(__name__)

_compiled: dict[Hashable, _Compiled | None] = {}
MAX_SHAPES = 512


class Markers:
    """Stand-ins that no real request carries, each distinct, by kind of value."""

    def __init__(self):
        self.values: list = []

    def _add(self, value):
        self.values.append(value)
        return value

    def int(self):
        # Inside every integer column's range: Django drops a lookup with a value
        # outside it (no parameter), which would make the stand-in disappear.
        return self._add(1_987_654_321 + len(self.values))

    def str(self):
        return self._add(f"\u00a7stand-in-{len(self.values)}\u00a7")

    def datetime(self):
        return self._add(
            datetime.datetime(1901, 2, 3, 4, 5, 6, 1 + len(self.values), tzinfo=datetime.UTC)
        )


class _Compiled:
    def __init__(self, queryset: QuerySet, stand_ins: list):
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet) as error:
            raise ValueError("the stand-ins changed the query") from error
        slots = []
        for position, param in enumerate(params):
            for number, stand_in in enumerate(stand_ins):
                if type(param) is type(stand_in) and param == stand_in:
                    slots.append((position, number))
        found = {number for _position, number in slots}
        if len(found) != len(stand_ins) or any(str(s) in sql for s in stand_ins):
            raise ValueError("a stand-in is not a parameter of the query")
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = list(params)
        self.slots = slots

    def run(self, values: Sequence) -> list:
        params = list(self.params)
        for position, number in self.slots:
            params[position] = values[number]
        sql, params = self.sql, tuple(params)
        compiler = copy.copy(self.compiler)
        # The connection of this thread; the SQL and the column layout are the same.
        compiler.connection = connections[self.queryset.db]
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        query = copy.copy(self.queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        # Not copy.copy: pickling support would evaluate the queryset.
        queryset = object.__new__(type(self.queryset))
        queryset.__dict__.update(self.queryset.__dict__)
        # Not the ``query`` setter: it would turn a values_list() into values() (dicts).
        queryset._query = query
        queryset._result_cache = None
        queryset._prefetch_done = False
        return list(queryset)


def run(shape: Hashable, build: Callable[..., QuerySet], values: Sequence) -> list:
    """The rows of ``build(*values)``, compiled once per ``shape``.

    ``build`` must give SQL of the same text for every value of the same
    shape; each value must end up as a query parameter (ints, strings,
    datetimes).
    """
    compiled = _compiled.get(shape, False)
    if compiled is False:
        markers = Markers()
        stand_ins = [_stand_in(markers, value) for value in values]
        try:
            compiled = _Compiled(build(*stand_ins), stand_ins)
        except ValueError:
            logger.warning("Query shape %r is built every time (stand-ins not found)", shape)
            compiled = None
        if len(_compiled) >= MAX_SHAPES:
            _compiled.clear()
        _compiled[shape] = compiled
    if compiled is None:
        return list(build(*values))
    return compiled.run(values)


def _stand_in(markers: Markers, value):
    if isinstance(value, bool):
        raise TypeError("a flag changes the query's shape: put it in the shape")
    if isinstance(value, int):
        return markers.int()
    if isinstance(value, str):
        return markers.str()
    if isinstance(value, datetime.datetime):
        return markers.datetime()
    raise TypeError(f"no stand-in for {type(value).__name__}")
