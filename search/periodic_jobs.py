"""The search index's safety nets run on their own (``manage.py worker``)."""

from django.conf import settings

from scheduling.registry import register
from search.checking import check_and_repair
from search.tasks import process_outbox

register(
    "search.drain_outbox",
    settings.PORTAL_SEARCH_OUTBOX_EVERY,
    process_outbox,
    description="Write the index updates that are due (after a backend outage or back-off).",
)
register(
    "search.check_index",
    settings.PORTAL_SEARCH_CHECK_EVERY,
    check_and_repair,
    description="Compare the search index with the database and re-index the differences.",
)
