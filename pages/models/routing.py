"""Serving a page in a few queries: the route in one, view restrictions in one, once.

Wagtail routes ``/projekte/radweg/`` one level at a time: each level costs a
query for the child and one for its specific type, and a page's view
restrictions cost two more each time they are asked for (the serve hook,
then the template). ``OneQueryRouteMixin`` (on the site's root page) finds
every page on the path at once by its ``url_path`` and loads the last one as
its specific type, with what its template needs (``routed_queryset``).
Whenever a page on the way routes differently (a routable page, e.g. the
Vorhaben list), Wagtail's own routing takes over, so nothing changes in
what is served. ``ServedPageMixin`` answers the view restrictions of a page
in one query (kept on a routed page for the rest of the request) and the
breadcrumbs from the route.
"""

from __future__ import annotations

from django.db.models.functions import Coalesce
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from participation import compiled


class ServedPageMixin:
    """View restrictions in one query and breadcrumbs without one, for a routed page."""

    @classmethod
    def routed_queryset(cls, api: bool = False):
        """How the page is loaded when it is served (``api``: by the v2 detail view).

        Compiled to SQL once per process (``load_served``): it must not depend
        on the date, the request or a setting that changes at run time.
        """
        return cls.objects.all()

    @classmethod
    def load_served(cls, pk: int, api: bool = False):
        """The page with this id as ``routed_queryset`` loads it (None if there is none).

        The query is compiled once per process and model (``participation.compiled``).
        """
        loaded = compiled.run(
            ("pages.served", cls, api),
            lambda page_id: cls.routed_queryset(api=api).filter(pk=page_id),
            [int(pk)],
        )
        page = loaded[0] if loaded else None
        if page is not None:
            page.prepare_served()
        return page

    def prepare_served(self) -> None:
        """Called on a page loaded by ``load_served``, before it is served."""

    def get_view_restrictions(self):
        """Wagtail's answer: this page's and its ancestors' restrictions, aliases resolved.

        A page served in this request answers from ``all_view_restrictions``
        (its route brought its ancestors); any other page in one query.
        """
        chain = self.__dict__.get("_route_ancestors")
        if chain is not None:
            return self._routed_view_restrictions(chain)
        steplen = Page.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        sources = (
            Page.objects.filter(path__in=paths)
            .annotate(source=Coalesce("alias_of_id", "id"))
            .values("source")
        )
        return PageViewRestriction.objects.filter(page_id__in=sources)

    def all_view_restrictions(self) -> list[PageViewRestriction]:
        """Every view restriction of the tree, with its page, read once for the served page.

        What Wagtail's ``PageQuerySet.public()`` reads too: listings on the
        page use it through ``ProjectPageQuerySet.public_given``.
        """
        if "_all_view_restrictions" not in self.__dict__:
            self.__dict__["_all_view_restrictions"] = compiled.run(
                "pages.view_restrictions", _all_view_restrictions, []
            )
        return self.__dict__["_all_view_restrictions"]

    def _routed_view_restrictions(self, chain):
        # The pages on the route (aliases stand for their source page), and above the
        # site's root page, whatever lies on this page's path.
        sources = {page.alias_of_id or page.pk for page in [*chain, self]}
        top_depth = chain[0].depth if chain else self.depth
        applying = [
            restriction
            for restriction in self.all_view_restrictions()
            if restriction.page_id in sources
            or (restriction.page.depth < top_depth and self.path.startswith(restriction.page.path))
        ]
        restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in applying])
        restrictions._result_cache = applying
        restrictions._prefetch_done = True
        return restrictions

    def breadcrumb_ancestors(self) -> list[Page]:
        """The ancestors below the tree's root, from the route when it brought them."""
        routed = self.__dict__.get("_route_ancestors")
        if routed and routed[0].depth == 2:
            return routed
        return list(self.get_ancestors().filter(depth__gte=2))


def _all_view_restrictions():
    return PageViewRestriction.objects.select_related("page").order_by("pk")


def load_served(model, pk: int, api: bool = False):
    """A page of ``model`` for serving: with ``load_served`` if the model has it."""
    loading = getattr(model, "load_served", None)
    if loading is not None:
        return loading(pk, api=api)
    return model.objects.filter(pk=pk).first()


def uses_default_route(model) -> bool:
    return model is not None and model.route is Page.route


class OneQueryRouteMixin(ServedPageMixin):
    """On a site's root page: all pages of a path in one query (see the module docstring)."""

    def route(self, request, path_components):
        found = self.route_in_one_query(path_components)
        if found is None or not found.live:
            # Wagtail's own routing answers what is not found (a 404 for a draft).
            return super().route(request, path_components)
        return RouteResult(found)

    def route_in_one_query(self, path_components):
        if not path_components:
            self.__dict__.setdefault("_route_ancestors", [])
            return None
        return route_below(self, path_components)


def route_below(root: Page, path_components):
    """The page at ``path_components`` below ``root`` (any page instance) in two queries.

    None when Wagtail's own routing must decide: no such page, or a page on
    the way that routes differently.
    """
    prefixes, url_path = [], root.url_path
    for component in path_components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    chain = list(
        Page.objects.filter(
            path__startswith=root.path, depth__gt=root.depth, url_path__in=prefixes
        ).order_by("depth")
    )
    expected = [(root.depth + n + 1, slug) for n, slug in enumerate(path_components)]
    if [(page.depth, page.slug) for page in chain] != expected:
        return None
    models = [page.specific_class for page in chain]
    if not all(uses_default_route(model) for model in models):
        return None
    target = load_served(models[-1], chain[-1].pk)
    if target is None:
        return None
    target._cached_parent_obj = chain[-2] if len(chain) > 1 else root
    target.__dict__["_route_ancestors"] = [root, *chain[:-1]]
    return target
