"""Related rows loaded inside the query of their parent, as JSON, instead of one query each.

``rows_of(Model, OuterRef(...), order)`` is a subquery returning the related
rows as a JSON array; ``attach(instance, name, Model, rows)`` turns them
into model instances and hands them to ``instance.<name>.all()`` exactly as
``prefetch_related`` would. Used for the small lists shown with a page
(phases, topics) and for poll questions with their choices.
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS
from django.db.models.functions import JSONObject
from django.db.models.query import ModelIterable


def concrete_fields(model) -> list:
    return list(model._meta.concrete_fields)


def rows_of(queryset, **extra) -> ArraySubquery:
    """The rows of ``queryset`` (already filtered on an OuterRef and ordered) as JSON objects."""
    fields = {field.attname: field.attname for field in concrete_fields(queryset.model)}
    return ArraySubquery(queryset.values(row=JSONObject(**fields, **extra)))


def instances(model, rows) -> list:
    """Model instances from the JSON rows, as if loaded from the database."""
    fields = concrete_fields(model)
    names = [field.attname for field in fields]
    return [
        model.from_db(
            DEFAULT_DB_ALIAS, names, [field.to_python(row[field.attname]) for field in fields]
        )
        for row in rows or []
    ]


def attach(instance, name: str, objects: list) -> None:
    """``instance.<name>.all()`` answers ``objects`` without a query, like prefetch_related."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = queryset


class PreparedIterable(ModelIterable):
    """Yields each instance after its ``prepare_served()`` has attached its JSON rows."""

    def __iter__(self):
        for instance in super().__iter__():
            instance.prepare_served()
            yield instance
