"""Announces each news post once, when it becomes public (``pages.events.news_published``).

A post is public when its page is live, has no view restriction on itself or
an ancestor, is served by a site (not the practice area of ``training``) and
the post's date has come. Two triggers look for such posts: the page's
publication (``page_published``) and an hourly job for posts whose date came
later (``pages.periodic_jobs``).

Once only: a ``NewsAnnouncement`` row is inserted first, under a unique
constraint on the post's key; the signal is sent only by whoever inserted
it, after the transaction commits. A retried job, a republished page or two
workers at once therefore announce a post once, and a post edited later is
not announced again.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.signals import page_published

from pages.events import news_published
from pages.models import NewsAnnouncement, ProjectNews, ProjectPage
from pages.permissions import pages_outside_every_site


def public_projects():
    """Live projects without a view restriction that a site serves."""
    return ProjectPage.objects.live().public().exclude(pk__in=pages_outside_every_site())


def unannounced_due_news(today: date | None = None, page_ids=None):
    today = today or timezone.localdate()
    projects = public_projects()
    if page_ids is not None:
        projects = projects.filter(pk__in=page_ids)
    return (
        ProjectNews.objects.filter(page__in=projects.values("pk"), date__lte=today)
        .exclude(key__in=NewsAnnouncement.objects.values("key"))
        .order_by("date", "pk")
    )


def claim(post: ProjectNews) -> bool:
    """Records the announcement of ``post``; whether this call was the first to do so."""
    try:
        with transaction.atomic():
            NewsAnnouncement.objects.create(key=post.key, page_id=post.page_id)
    except IntegrityError:
        return False
    return True


def announce(post: ProjectNews) -> bool:
    if not claim(post):
        return False
    page = ProjectPage.objects.get(pk=post.page_id)
    transaction.on_commit(
        lambda: news_published.send_robust(sender=ProjectNews, page=page, news=post)
    )
    return True


def announce_due_news(today: date | None = None, page_ids=None) -> int:
    """Announces the public posts not announced yet; how many it announced."""
    return sum(announce(post) for post in unannounced_due_news(today, page_ids))


def announce_on_publish(sender, instance, **kwargs):
    announce_due_news(page_ids=[instance.pk])


def connect() -> None:
    page_published.connect(
        announce_on_publish, sender=ProjectPage, weak=False, dispatch_uid="pages-news-published"
    )
