"""RSS 2.0 and Atom feeds of the Vorhabenliste: ``Vorhaben.objects.publicly_listed()``.

Items link to their page on the site's Vorhabenliste; a site without a
public Vorhabenliste has no feed.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from vorhaben.models import Vorhaben, VorhabenIndexPage
from web.feeds import PreparedItemsFeed
from web.page_access import site_root_path_for

FEED_LENGTH = 50


class VorhabenFeed(PreparedItemsFeed, Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        index = (
            VorhabenIndexPage.objects.live()
            .public()
            .filter(path__startswith=site_root_path_for(request))
            .first()
        )
        if index is None:
            raise Http404
        index.feed_request = request
        return index

    def title(self, index):
        return _("Planned participation - %(portal)s") % {"portal": settings.WAGTAIL_SITE_NAME}

    def description(self, index):
        return _(
            "New entries on the list of planned participation (Vorhabenliste) of %(portal)s."
        ) % {"portal": settings.WAGTAIL_SITE_NAME}

    def link(self, index):
        return index.get_url(index.feed_request)

    def items(self, index):
        request = index.feed_request
        base = index.get_full_url(request).rstrip("/")
        host = urlsplit(base).hostname or split_domain_port(request.get_host())[0]
        items = list(
            Vorhaben.objects.publicly_listed()
            .select_related("department")
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )
        for vorhaben in items:
            subpage = index.reverse_subpage("detail_route", args=(vorhaben.pk,))
            vorhaben.feed_link = f"{base}/{subpage.lstrip('/')}"
            vorhaben.feed_guid = f"tag:{host},2026:vorhaben-{vorhaben.pk}"
        return items

    def item_description(self, item):
        return item.goal

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class VorhabenAtomFeed(VorhabenFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
