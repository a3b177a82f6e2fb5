"""Pseudonymised spreadsheets of a project's comments.

A row says what was written, when, in reply to what and in which state,
under the public name only: no e-mail address, user id, participant key or
IP hash ever leaves the portal this way. Cells that a spreadsheet program
would read as a formula are defused (CSV/formula injection).
"""

from collections import OrderedDict

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Column -> heading, in order.
COLUMNS = OrderedDict(
    [
        ("id", gettext_lazy("Comment")),
        ("parent_id", gettext_lazy("Reply to")),
        ("page", gettext_lazy("Project")),
        ("created_at", gettext_lazy("Written")),
        ("state", gettext_lazy("State")),
        ("official", gettext_lazy("Official answer")),
        ("author", gettext_lazy("Author")),
        ("support_count", gettext_lazy("Supports")),
        ("body", gettext_lazy("Text")),
    ]
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def export_author(comment) -> str:
    if comment.author_id is not None:
        return comment.author.public_name
    return _("anonymous") if comment.anonymous_key else _("deleted account")


def export_row(comment) -> OrderedDict:
    return OrderedDict(
        [
            ("id", comment.pk),
            ("parent_id", comment.parent_id or ""),
            ("page", comment.page.title),
            (
                "created_at",
                timezone.localtime(comment.created_at).replace(microsecond=0, tzinfo=None),
            ),
            ("state", str(comment.get_state_display())),
            ("official", _("yes") if comment.is_official else _("no")),
            ("author", export_author(comment)),
            ("support_count", comment.support_count),
            ("body", comment.body),
        ]
    )


def defuse(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
