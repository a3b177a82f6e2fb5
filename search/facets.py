"""The facets that narrow a search (project, department, topic, district, ...), offered by apps.

Search imports no feature app: the app that owns the reference data
registers a facet for it in its ``search_sources`` module, as it registers
its document sources. A facet says where its choices come from (they
validate the parameter), which field names a choice, and which search
filter a choice sets. Most choices are rows (``choices``, a queryset, named
by ``label_field``); a facet over a fixed list of values (a proposal's
state) gives ``options`` instead: (value, label) pairs, and its filter
gets the chosen value.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Facet:
    name: str
    label: Any  # a (lazy) translated string
    choices: Callable[[], QuerySet] | None
    label_field: str
    # The chosen object (or option value) -> keyword arguments of search.backends.base.Filters.
    filters: Callable[[Model | str], dict]
    # Values are page ids: a facet value is named only if the viewer may see the page.
    pages: bool = False
    # Instead of ``choices``: a fixed list of (value, label) pairs.
    options: Callable[[], list[tuple[str, Any]]] | None = None


_facets: dict[str, Facet] = {}


def register_facet(facet: Facet) -> Facet:
    if facet.name in _facets:
        raise ValueError(f"A search facet named {facet.name!r} is already registered.")
    _facets[facet.name] = facet
    return facet


def facets() -> list[Facet]:
    return list(_facets.values())
