"""What every page of a site shows around its content: operator, main menu, legal links.

It is the same on every page of a site and changes only when an editor
changes the portal settings or publishes, unpublishes, moves or deletes a
page, so it is read once and kept in the cache (``portal.cache``: a Redis
outage only means reading it again). Each page then costs no query for its
header and footer.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.models import PortalSettings

KEY = "portal:site-chrome:{site}"
SECONDS = 24 * 3600
LEGAL_PAGES = ("imprint_page", "privacy_page", "accessibility_page")


def read_chrome(site: Site, request) -> dict:
    settings = PortalSettings.objects.filter(site=site).select_related(*LEGAL_PAGES).first()
    settings = settings or PortalSettings(site=site)
    legal = {}
    for field in LEGAL_PAGES:
        page = getattr(settings, field)
        legal[field] = page.get_url(request) if page is not None else None
    menu = [
        {"pk": page.pk, "path": page.path, "title": page.title, "url": page.get_url(request)}
        for page in site.root_page.get_children().live().in_menu()
    ]
    return {
        "operator_name": settings.operator_name,
        "contact_email": settings.contact_email,
        "menu": menu,
        **legal,
    }


def site_chrome(request) -> dict | None:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    key = KEY.format(site=site.pk)
    chrome = cache.get(key)
    if chrome is None:
        chrome = read_chrome(site, request)
        cache.set(key, chrome, timeout=SECONDS)
    return chrome


def forget_chrome(**kwargs) -> None:
    def forget():
        cache.delete_many([KEY.format(site=pk) for pk in Site.objects.values_list("pk", flat=True)])

    forget()
    transaction.on_commit(forget)


def connect() -> None:
    """Called from PagesConfig.ready: every process forgets, whether or not it renders pages."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_chrome, weak=False, dispatch_uid=f"site-chrome-{signal}")
    for model, signals in (
        (PortalSettings, (post_save, post_delete)),
        (Site, (post_save, post_delete)),
        (Page, (post_delete,)),
    ):
        for signal in signals:
            signal.connect(
                forget_chrome,
                sender=model,
                weak=False,
                dispatch_uid=f"site-chrome-{model.__name__}-{signal}",
            )
