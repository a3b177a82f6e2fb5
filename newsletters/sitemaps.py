"""The archived newsletters in the sitemap (``portal.urls`` adds it beside Wagtail's pages)."""

from django.contrib.sitemaps import Sitemap

from newsletters.models import Newsletter


class NewsletterSitemap(Sitemap):
    def items(self):
        return Newsletter.objects.sent()

    def lastmod(self, newsletter):
        return newsletter.sent_at
