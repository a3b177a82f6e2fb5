"""An RSS feed of the newsletter archive: what ``/newsletter/`` lists, newest first."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http.request import split_domain_port
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from newsletters.models import Newsletter
from web.feeds import PreparedItemsFeed

FEED_LENGTH = 20


class NewsletterFeed(PreparedItemsFeed, Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        return request

    def title(self, request):
        return _("Newsletter - %(portal)s") % {"portal": settings.WAGTAIL_SITE_NAME}

    def link(self, request):
        return "/newsletter/"

    def description(self, request):
        return _("The newsletters of %(portal)s.") % {"portal": settings.WAGTAIL_SITE_NAME}

    def items(self, request):
        host = split_domain_port(request.get_host())[0] or "localhost"
        items = list(Newsletter.objects.sent().select_related("department")[:FEED_LENGTH])
        for item in items:
            item.title = item.subject
            item.feed_link = request.build_absolute_uri(item.get_absolute_url())
            item.feed_guid = f"tag:{host},2026:newsletter-{item.pk}"
        return items

    def item_description(self, item):
        return item.intro

    def item_pubdate(self, item):
        return item.sent_at
