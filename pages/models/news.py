"""A project's news stream (Neuigkeiten): short dated posts by its editors.

Each post has a ``key`` that stays the same across the page's revisions: the
anchor on the page, the feed's GUID and the once-only announcement
(``pages.news_announcements``) all use it. A key belongs to one page: a
copied page gets new keys for its posts, so they are new posts there.
"""

import uuid
from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

NEWS_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def due_news(posts, today: date | None = None) -> list:
    """The posts whose date has come, newest first (works on a page's unsaved cluster too)."""
    today = today or timezone.localdate()
    due = [post for post in posts if post.date and post.date <= today]
    return sorted(due, key=lambda post: (post.date, post.pk or 0), reverse=True)


class ProjectNews(Orderable):
    page = ParentalKey("pages.ProjectPage", on_delete=models.CASCADE, related_name="news")
    title = models.CharField(_("title"), max_length=160)
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_(
            "The post is shown, in feeds and the API too, and its followers are told, "
            "from this day on."
        ),
    )
    body = RichTextField(_("text"), features=NEWS_FEATURES)
    key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    panels = [FieldPanel("title"), FieldPanel("date"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("news post")
        verbose_name_plural = _("news")

    def __str__(self):
        return self.title

    @property
    def anchor(self) -> str:
        return f"neuigkeit-{self.key}"

    def save(self, *args, **kwargs):
        # A page copy (and its copied revisions) carries the original's keys:
        # the copy's posts keep the key they got when first saved, or a new one.
        taken = ProjectNews.objects.filter(key=self.key).exclude(page_id=self.page_id)
        if taken.exists():
            stored = None
            if self.pk:
                stored = ProjectNews.objects.filter(pk=self.pk, page_id=self.page_id)
                stored = stored.values_list("key", flat=True).first()
            self.key = stored or uuid.uuid4()
        super().save(*args, **kwargs)


class NewsAnnouncement(models.Model):
    """That a post was announced (``pages.events.news_published``): at most once per key."""

    key = models.UUIDField(_("key of the news post"), unique=True)
    page = models.ForeignKey(
        "pages.ProjectPage", on_delete=models.CASCADE, related_name="news_announcements"
    )
    announced_at = models.DateTimeField(_("announced at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement of a news post")
        verbose_name_plural = _("announcements of news posts")

    def __str__(self):
        return f"{self.key} ({self.announced_at:%Y-%m-%d %H:%M})"
