"""Page types and the editorial snippets they refer to.

Split by concern: ``snippets`` (departments, topics, districts, contacts),
``projects`` (ProjectPage and its phases), ``news`` (its news posts), ``site_pages`` (home, project
index, standard pages) and ``site_settings`` (footer links).
"""

from .news import NewsAnnouncement, ProjectNews
from .projects import ProjectPage, ProjectPageQuerySet, ProjectPhase
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
