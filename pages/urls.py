"""The projects' feeds and calendars, at fixed addresses before Wagtail's page tree."""

from django.urls import path

from pages import calendars
from pages.feeds import ProjectAtomFeed, ProjectFeed
from pages.news_feed import ProjectNewsAtomFeed, ProjectNewsFeed

app_name = "pages"

urlpatterns = [
    path("feeds/projekte.rss", ProjectFeed(), name="projects_rss"),
    path("feeds/projekte.atom", ProjectAtomFeed(), name="projects_atom"),
    path("feeds/einheiten/<slug:slug>.rss", ProjectFeed(), name="department_rss"),
    path("feeds/einheiten/<slug:slug>.atom", ProjectAtomFeed(), name="department_atom"),
    path("feeds/projekte/<int:page_id>/neuigkeiten.rss", ProjectNewsFeed(), name="news_rss"),
    path("feeds/projekte/<int:page_id>/neuigkeiten.atom", ProjectNewsAtomFeed(), name="news_atom"),
    path("kalender/projekte.ics", calendars.all_phases, name="phases_ics"),
    path("kalender/projekte/<int:page_id>.ics", calendars.project_phases, name="project_ics"),
]
