"""Checking a page of hits against the database, and naming its facets, in one query.

The index can lag behind a moderation or a page's new view restrictions by
a moment, so the hits shown are checked again: each source says which of
its objects may still be shown and on which live page
(``SearchSource.shown_on_pages``); the page's view restrictions decide the
rest, by the same rule the index applies (``search.page_audience``). The
readable names of the facet values (a project's title, a department's
name) come with the same ``UNION ALL``. Only hits on restricted pages
cost one more query (their restrictions), and sources without a fast
check build their documents as before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, CharField, Exists, F, OuterRef, Value
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

from participation.page_access import PageAccess, ancestor_paths
from search import registry
from search.backends.base import Viewer
from search.facets import facets
from search.page_audience import audience_for


@dataclass
class Checked:
    visible: set[str] = field(default_factory=set)  # keys of hits that may be shown
    names: dict[str, dict[int, str]] = field(default_factory=dict)  # facet -> pk -> name


@dataclass(frozen=True)
class _Place:
    """Where a hit is shown, as ``audience_for`` and ``Viewer.may_see`` read it."""

    path: str
    audience: str = ""
    group_ids: tuple = ()

    @property
    def page_path(self) -> str:
        return self.path


def _restricted(outer: str):
    applying = PageViewRestriction.objects.filter(StartsWith(OuterRef(outer), F("page__path")))
    return Exists(applying)


def _row(queryset, tag: str, text, path, restricted, needs_document):
    return queryset.annotate(
        search_tag=Value(tag, output_field=CharField()),
        search_text=text,
        search_path=path,
        search_restricted=restricted,
        search_needs=needs_document,
    ).values_list(
        "search_tag", "pk", "search_text", "search_path", "search_restricted", "search_needs"
    )


def _hit_rows(keys, fallback: dict[str, set[int]]) -> list:
    ids_by_source = defaultdict(set)
    for key in keys:
        source, object_id = key.split(":", 1)
        ids_by_source[source].add(int(object_id))
    queries = []
    for name, ids in ids_by_source.items():
        shown = registry.get_source(name).shown_on_pages(sorted(ids))
        if shown is None:
            fallback[name] |= ids
            continue
        needs = (
            F("search_needs_document")
            if "search_needs_document" in shown.query.annotations
            else Value(False, output_field=BooleanField())
        )
        queries.append(
            _row(
                shown.order_by(),
                f"hit:{name}",
                Value("", output_field=CharField()),
                F("search_page_path"),
                _restricted("search_page_path"),
                needs,
            )
        )
    return queries


def _name_rows(wanted: dict[str, set[int]]) -> list:
    queries = []
    for facet in facets():
        ids = wanted.get(facet.name)
        if facet.options is not None or not ids:
            continue
        if facet.pages:
            path, restricted = F("path"), _restricted("path")
        else:
            path = Value(None, output_field=CharField())
            restricted = Value(False, output_field=BooleanField())
        queries.append(
            _row(
                facet.choices().filter(pk__in=ids).order_by(),
                f"facet:{facet.name}",
                F(facet.label_field),
                path,
                restricted,
                Value(False, output_field=BooleanField()),
            )
        )
    return queries


def check(
    keys, viewer: Viewer, wanted_names: dict[str, set[int]], access: PageAccess | None = None
) -> Checked:
    """Which of ``keys`` ``viewer`` may see now, and the names of ``wanted_names``
    (facet -> ids; a page facet's value only if ``access`` may see the page)."""
    fallback: dict[str, set[int]] = defaultdict(set)
    queries = _hit_rows(keys, fallback) + _name_rows(wanted_names)
    rows = _union_all(queries)
    checked = Checked(names={facet.name: {} for facet in facets() if facet.options is None})
    restricted_places = []
    restricted_pages = {}
    for tag, pk, text, path, restricted, needs_document in rows:
        kind, name = tag.split(":", 1)
        if kind == "hit":
            key = registry.get_source(name).key(pk)
            if needs_document:
                fallback[name].add(pk)
            elif restricted:
                restricted_places.append((key, path))
            elif viewer.site_root_path is None or path.startswith(viewer.site_root_path):
                checked.visible.add(key)
        elif restricted:
            restricted_pages.setdefault(name, {})[pk] = text
        elif path is None or access is None or access.in_site(path):
            checked.names[name][pk] = text
    checked.visible |= _visible_on_restricted_pages(restricted_places, viewer)
    for name, ids in fallback.items():
        source = registry.get_source(name)
        checked.visible |= {source.key(pk) for pk in source.visible_ids(ids, viewer)}
    for name, titles in restricted_pages.items():
        pages = Page.objects.filter(pk__in=titles).only("pk", "path", "live")
        visible = access.visible(pages) if access is not None else pages
        checked.names[name].update({page.pk: titles[page.pk] for page in visible})
    return checked


def _union_all(queries) -> list[tuple]:
    """The rows of ``queries`` (values_list querysets of the same columns) in one round trip.

    Joined by hand: Django's ``union`` cannot combine querysets that
    filter on their own annotations.
    """
    if not queries:
        return []
    # SQLite (make run) takes no parenthesised members in a UNION: each becomes a subquery.
    member = (
        "({})"
        if connection.features.supports_slicing_ordering_in_compound
        else "SELECT * FROM ({})"
    )
    parts, params = [], []
    for queryset in queries:
        sql, part_params = queryset.query.sql_with_params()
        parts.append(member.format(sql))
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _visible_on_restricted_pages(places: list[tuple[str, str]], viewer: Viewer) -> set[str]:
    """The keys shown on restricted pages that ``viewer`` passes (the index's audience rule)."""
    if not places:
        return set()
    paths = {ancestor for _key, path in places for ancestor in ancestor_paths(path)}
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=paths)
        .select_related("page")
        .prefetch_related("groups")
    )
    visible = set()
    for key, path in places:
        audience = audience_for(_Place(path), restrictions)
        if audience is None:
            continue
        place = _Place(path, audience[0], tuple(audience[1]))
        if viewer.may_see(place):
            visible.add(key)
    return visible
