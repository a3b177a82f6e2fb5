"""Wagtail's serve view, with the route found before Wagtail looks for it.

Wagtail loads the site's root page as its specific type and then routes
from it (``Page.route_for_request``), which keeps the route it finds on the
request. For a path below a portal root page (``OneQueryRouteMixin``) this
view finds the route first, from the site's root page as the site lookup
loaded it (``route_below``): one query less for every page but the start
page, and the same result. Anything else is left to Wagtail.
"""

from django.conf import settings
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from pages.models.routing import OneQueryRouteMixin, route_below


def serve(request, path):
    prime_route(request, path)
    return wagtail_views.serve(request, path)


def prime_route(request, path: str) -> None:
    if hasattr(request, "_wagtail_route_for_request"):
        return
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return  # Wagtail routes from the root page of the request's language
    components = [component for component in path.split("/") if component]
    site = Site.find_for_request(request)
    if not components or site is None:
        return
    root_model = site.root_page.specific_class
    if root_model is None or not issubclass(root_model, OneQueryRouteMixin):
        return
    found = route_below(site.root_page, components)
    if found is not None:
        # Wagtail answers 404 for a page that is not live (route_for_request keeps None).
        request._wagtail_route_for_request = RouteResult(found) if found.live else None
