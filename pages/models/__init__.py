"""Page types and the editorial snippets they refer to.

Split by concern: ``snippets`` (departments, topics, districts, contacts),
``projects`` (ProjectPage), ``project_phases`` (its phases and the queries over
projects), ``news`` (its news posts), ``site_pages`` (home, project index,
standard pages) and ``site_settings`` (footer links).
"""

from .news import NewsAnnouncement, ProjectNews
from .project_phases import ProjectPageQuerySet, ProjectPhase
from .projects import ProjectPage
from .site_pages import HomePage, ProjectIndexPage, StandardPage
from .site_settings import PortalSettings
from .snippets import ContactPerson, District, Topic

__all__ = [
    "ContactPerson",
    "District",
    "HomePage",
    "NewsAnnouncement",
    "PortalSettings",
    "ProjectIndexPage",
    "ProjectNews",
    "ProjectPage",
    "ProjectPageQuerySet",
    "ProjectPhase",
    "StandardPage",
    "Topic",
]
