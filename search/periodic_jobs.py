"""The search index's safety net runs on its own (``manage.py worker``)."""

from django.conf import settings

from scheduling.registry import register
from search.checking import check_and_repair

register(
    "search.check_index",
    settings.PORTAL_SEARCH_CHECK_EVERY,
    check_and_repair,
    description="Compare the search index with the database and re-index the differences.",
)
