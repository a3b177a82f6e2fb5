"""Queries of a fixed shape, turned into SQL once per process instead of on every request.

Building and compiling a queryset with annotations and JSON subqueries (a
served project page, the questions of a page's polls) costs several
milliseconds of Python per request, far more than running the SQL.
``Precompiled(build, arity)`` calls ``build`` once with placeholder
integers, compiles the queryset and remembers where the placeholders went
among the SQL parameters; ``rows(*values)`` then runs the same SQL with the
values in their place and returns the model instances exactly as the
queryset would (select_related, annotations, its iterable class and
prefetch_related included).

``build`` must depend on its arguments only: a date, a setting or the
request read inside it would be kept in the SQL for the life of the
process. Only whole integer values can be placed (ids, depths). A query whose
placeholders do not each come out as a parameter of their own (turned
into a pattern, say) is never precompiled: ``rows`` then builds it on every
call, as before. The result is a list, never a queryset to refine: a
filter added later would not be in the compiled SQL.
"""

from __future__ import annotations

import copy

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections

# Placeholders no real id or depth takes (negative, near the 32-bit limit).
_PLACEHOLDER_BASE = -2_147_000_000


class Precompiled:
    def __init__(self, build, arity: int = 1):
        self.build = build
        self.arity = arity
        self.compiled: dict[str, tuple | None] = {}

    def _compile(self, using: str):
        placeholders = [_PLACEHOLDER_BASE - index for index in range(self.arity)]
        queryset = self.build(*placeholders).using(using)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        positions = [
            (index, position)
            for position, param in enumerate(params)
            for index, placeholder in enumerate(placeholders)
            if isinstance(param, int) and not isinstance(param, bool) and param == placeholder
        ]
        if {index for index, _position in positions} != set(range(self.arity)):
            return None  # a placeholder was not kept as a parameter: build every time
        return queryset, compiler, sql, tuple(params), positions

    def rows(self, *values, using: str = DEFAULT_DB_ALIAS) -> list:
        if len(values) != self.arity:
            raise TypeError(f"expected {self.arity} values, got {len(values)}")
        if using not in self.compiled:
            self.compiled[using] = self._compile(using)
        compiled = self.compiled[using]
        if compiled is None:
            return list(self.build(*values).using(using))
        template, compiler, sql, params, positions = compiled
        run_params = list(params)
        for index, position in positions:
            run_params[position] = values[index]
        runner = copy.copy(compiler)
        runner.connection = connections[using]  # this thread's connection
        frozen = (sql, tuple(run_params))
        runner.as_sql = lambda *args, **kwargs: frozen
        queryset = template._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: runner
        return list(queryset)
