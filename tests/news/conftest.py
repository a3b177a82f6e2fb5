"""A published project with news posts, and a receiver that counts announcements."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from pages.events import news_published
from pages.models import ProjectNews
from tests.factories import HomePageFactory, ProjectIndexPageFactory, ProjectPageFactory


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def add_news(project, title, date=None, body="<p>Es geht voran.</p>", publish=True):
    """Adds a post as editors do: in a new revision, published unless ``publish`` is false."""
    project.news.add(ProjectNews(title=title, date=date or timezone.localdate(), body=body))
    revision = project.save_revision()
    if publish:
        revision.publish()
    return project.news.get(title=title) if publish else None


@pytest.fixture
def project(project_index):
    page = ProjectPageFactory(parent=project_index, title="Neuer Stadtpark", slug="stadtpark")
    page.save_revision().publish()
    return page


@pytest.fixture
def announced():
    """The posts announced through ``news_published``, as (page id, post key, title)."""
    heard = []

    def receiver(sender, page, news, **kwargs):
        heard.append((page.pk, news.key, news.title))

    news_published.connect(receiver, weak=False, dispatch_uid="tests-news-count")
    yield heard
    news_published.disconnect(dispatch_uid="tests-news-count")


@pytest.fixture
def practice_project(home_page):
    """A published project no Site serves (like the practice area of training)."""
    practice = HomePageFactory(parent=Page.get_first_root_node(), title="Übung", slug="uebung")
    index = ProjectIndexPageFactory(parent=practice, slug="uebungsprojekte")
    page = ProjectPageFactory(parent=index, title="Übungsprojekt", slug="uebungsprojekt")
    page.save_revision().publish()
    return page
