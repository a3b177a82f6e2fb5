"""Everything that changes comments, for the HTML views and the API alike.

Each action is one transaction. Rules come from ``comments.rules``; a
refusal is raised as a ``participation.refusals.Refusal`` with a specific
code, which the API answers as problem+json and the HTML views as a German
form message. Services take the participant and plain values, never the
request. Counters (``support_count``, ``reply_count``) change with F()
updates in the same transaction as the rows they count.

Split by concern: ``posting`` (writing, replying, editing, deleting),
``engagement`` (supports and reports) and ``moderation`` (the moderators'
actions); callers import them from here.
"""

from comments.services.engagement import (
    MAX_REPORT_DETAILS,
    clean_report,
    report,
    support,
    unsupport,
)
from comments.services.moderation import (
    MAX_REMOVAL_REASON,
    MODERATOR_ACTIONS,
    REVIEWING_ACTIONS,
    TRANSITIONS,
    ModerationResult,
    moderate,
    moderate_one,
)
from comments.services.posting import (
    check_on_page,
    clean_body,
    clean_free_text,
    delete_own_comment,
    edit_comment,
    get_comment,
    post_comment,
    reply,
)

__all__ = [
    "MAX_REMOVAL_REASON",
    "MAX_REPORT_DETAILS",
    "MODERATOR_ACTIONS",
    "REVIEWING_ACTIONS",
    "TRANSITIONS",
    "ModerationResult",
    "check_on_page",
    "clean_body",
    "clean_free_text",
    "clean_report",
    "delete_own_comment",
    "edit_comment",
    "get_comment",
    "moderate",
    "moderate_one",
    "post_comment",
    "reply",
    "report",
    "support",
    "unsupport",
]
