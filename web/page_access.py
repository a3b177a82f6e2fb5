"""The page access of the visitor behind a request: account, passed passwords, site.

The site is found from the host through one cached mapping (host:port ->
root path), so that answering it costs no query on cached reads; any
change of a site drops the mapping.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from participation.page_access import PageAccess

SITE_ROOTS_KEY = "portal:site-root-paths"
SITE_ROOTS_SECONDS = 3600
# A path no page has: the root of a host no site answers for.
NO_SITE = "\uffff"


def site_root_path_for(request) -> str | None:
    """The tree path of the root page of the site serving ``request``.

    Read from one cached mapping (host:port -> path), so that answering it
    costs no query on cached reads; any change of a site drops the mapping.
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    host = f"{hostname}:{request.get_port()}"
    roots = cache.get(SITE_ROOTS_KEY) or {}
    if host in roots:
        return roots[host]
    site = Site.find_for_request(request)
    path = None
    if site is not None:
        path = Page.objects.filter(pk=site.root_page_id).values_list("path", flat=True).first()
    # No site (or no root page) answers for this host: nothing is in it.
    roots[host] = path or NO_SITE
    cache.set(SITE_ROOTS_KEY, roots, timeout=SITE_ROOTS_SECONDS)
    return roots[host]


def page_access_from_request(request) -> PageAccess:
    session = getattr(request, "session", None)
    key = PageViewRestriction.passed_view_restrictions_session_key
    passed = session.get(key, []) if session is not None else []
    return PageAccess(
        user=getattr(request, "user", None),
        passed_restrictions=passed,
        site_root=lambda: site_root_path_for(request),
    )


def forget_site_roots(**kwargs) -> None:
    cache.delete(SITE_ROOTS_KEY)
    transaction.on_commit(lambda: cache.delete(SITE_ROOTS_KEY))


# Connected on import: only this module fills the mapping, so it is loaded whenever one exists.
for _signal in (post_save, post_delete):
    _signal.connect(
        forget_site_roots, sender=Site, weak=False, dispatch_uid=f"page-access-site-{_signal}"
    )
post_page_move.connect(forget_site_roots, weak=False, dispatch_uid="page-access-site-moved")
