"""RSS 2.0 and Atom feeds of one project's news posts (Neuigkeiten).

Visibility is the project feeds' rule (``pages.feeds.projects_in_site``):
a project that is unpublished, restricted or outside the site of the request
(the practice area is outside every site) answers 404. Posts appear from
their date on. The GUID is the post's key, which survives edits and revisions.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from pages.feeds import FEED_LENGTH, canonical_host, projects_in_site
from web.feeds import PreparedItemsFeed


def news_guid(host: str, post) -> str:
    return f"tag:{host},2026:news-{post.key}"


class ProjectNewsFeed(PreparedItemsFeed, Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id):
        project = projects_in_site(request).filter(pk=page_id).prefetch_related("news").first()
        if project is None:
            raise Http404
        project.feed_request = request
        return project

    def title(self, project):
        return _("News: %(project)s - %(portal)s") % {
            "project": project.title,
            "portal": settings.WAGTAIL_SITE_NAME,
        }

    def description(self, project):
        return _("Updates on the participation project %(project)s.") % {"project": project.title}

    def link(self, project):
        return project.get_url(project.feed_request)

    def items(self, project):
        request = project.feed_request
        page_url = project.get_full_url(request)
        host = canonical_host(page_url, request)
        posts = project.public_news[:FEED_LENGTH]
        for post in posts:
            post.feed_link = f"{page_url}#{post.anchor}"
            post.feed_guid = news_guid(host, post)
            post.department = project.department
        return posts

    def item_description(self, item):
        return expand_db_html(item.body)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))


class ProjectNewsAtomFeed(ProjectNewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, project):
        return self.description(project)
