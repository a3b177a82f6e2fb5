"""RSS 2.0 and Atom feeds of the project list and of each department's projects.

What a feed lists is what the project list shows: live projects without a
view restriction (``.live().public()``) within the site of the request.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from departments.models import Department
from pages.models import ProjectIndexPage, ProjectPage
from web.feeds import PreparedItemsFeed
from web.page_access import site_root_path_for

FEED_LENGTH = 50


def projects_in_site(request):
    """Live, unrestricted projects in the site of ``request`` (none outside every site)."""
    return (
        ProjectPage.objects.live()
        .public()
        .filter(path__startswith=site_root_path_for(request))
        .select_related("department")
    )


def canonical_host(url: str, request) -> str:
    """The host of the site's own address for ``url``, else the request's."""
    return urlsplit(url).hostname or split_domain_port(request.get_host())[0] or "localhost"


def tag_uri(host: str, page) -> str:
    """A GUID that survives a new slug or a move: the page id under the site's host."""
    return f"tag:{host},2026:project-{page.pk}"


@dataclass
class FeedScope:
    request: object
    department: Department | None = None


class ProjectFeed(PreparedItemsFeed, Feed):
    """The newest projects of the site of the request."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        department = None
        if slug is not None:
            department = Department.objects.filter(slug=slug).first()
            if department is None:
                raise Http404
        return FeedScope(request=request, department=department)

    def title(self, scope):
        portal = settings.WAGTAIL_SITE_NAME
        if scope.department is not None:
            return _("Projects of %(department)s - %(portal)s") % {
                "department": scope.department.name,
                "portal": portal,
            }
        return _("Projects - %(portal)s") % {"portal": portal}

    def description(self, scope):
        portal = settings.WAGTAIL_SITE_NAME
        if scope.department is not None:
            return _(
                "New participation projects of %(department)s and its units on %(portal)s."
            ) % {"department": scope.department.name, "portal": portal}
        return _("New participation projects on %(portal)s. Find out where you can take part.") % {
            "portal": portal
        }

    def link(self, scope):
        root = site_root_path_for(scope.request)
        index = ProjectIndexPage.objects.live().filter(path__startswith=root).first()
        if index is None:
            return "/"
        url = index.get_url(scope.request)
        if scope.department is not None:
            # The project list filtered the same way (pages.filters).
            url = f"{url}?{urlencode({'department': scope.department.slug})}"
        return url

    def items(self, scope):
        projects = projects_in_site(scope.request)
        if scope.department is not None:
            projects = projects.filter(
                department__in=Department.objects.family_ids(scope.department)
            )
        projects = list(projects.order_by("-first_published_at", "-pk")[:FEED_LENGTH])
        # The feed object serves every request: what needs the request is put on the items.
        for project in projects:
            project.feed_link = project.get_full_url(scope.request)
            project.feed_guid = tag_uri(canonical_host(project.feed_link, scope.request), project)
        return projects

    def item_description(self, item):
        return item.teaser

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ProjectAtomFeed(ProjectFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)
