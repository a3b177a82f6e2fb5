"""The pages app's periodic jobs (``scheduling.registry``)."""

from datetime import timedelta

from pages.news_announcements import announce_due_news
from scheduling.registry import register

register(
    "pages.announce_due_news",
    timedelta(hours=1),
    announce_due_news,
    description="Tells followers of news posts whose date has come (each post once).",
)
