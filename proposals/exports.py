"""Pseudonymised spreadsheets (CSV, XLSX) of a collection's proposals, for the departments.

A row says what was proposed, where it stands (state, moderation,
withdrawal, the latest official answer) and how many support it. The
author appears only as a pseudonym: a keyed hash of the account, the same
for all of one person's proposals in one collection (so an evaluation can
see that ten proposals came from one hand) and different in every other
collection, so that exports cannot be joined to follow a person. No name,
e-mail address or account id leaves the portal this way. Text a
spreadsheet would run as a formula is defused (CSV/formula injection),
as in ``comments.exports`` and ``polls.exports``.
"""

from collections import OrderedDict

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.participants import keyed_hash
from proposals.models import ProposalAnswer

PSEUDONYM_PURPOSE = "proposal-export"
PSEUDONYM_LENGTH = 10

# Column -> heading, in order.
COLUMNS = OrderedDict(
    [
        ("id", gettext_lazy("Proposal")),
        ("collection", gettext_lazy("Idea collection")),
        ("title", gettext_lazy("Title")),
        ("category", gettext_lazy("Category")),
        ("district", gettext_lazy("District")),
        ("state", gettext_lazy("State")),
        ("moderation", gettext_lazy("Moderation")),
        ("support_count", gettext_lazy("Supports")),
        ("reached", gettext_lazy("Threshold reached")),
        ("created_at", gettext_lazy("Submitted")),
        ("withdrawn_at", gettext_lazy("Withdrawn")),
        ("answered_at", gettext_lazy("Latest answer")),
        ("answered_by", gettext_lazy("Answered by (unit)")),
        ("author", gettext_lazy("Author (pseudonym)")),
    ]
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def with_latest_answers(proposals):
    """Each proposal with its latest answer's date and unit, in the same query."""
    latest = ProposalAnswer.objects.filter(proposal=OuterRef("pk")).order_by("-created_at", "-pk")
    return proposals.select_related("collection", "category", "district").annotate(
        answered_at=Subquery(latest.values("created_at")[:1]),
        answered_by=Subquery(latest.values("office")[:1]),
    )


def author_pseudonym(proposal) -> str:
    if proposal.author_id is None:
        return _("deleted account")
    value = f"{proposal.collection_id}:{proposal.author_id}"
    return "P-" + keyed_hash(PSEUDONYM_PURPOSE, value)[:PSEUDONYM_LENGTH]


def local(moment):
    if moment is None:
        return ""
    return timezone.localtime(moment).replace(microsecond=0, tzinfo=None)


def export_row(proposal) -> OrderedDict:
    return OrderedDict(
        [
            ("id", proposal.pk),
            ("collection", proposal.collection.title),
            ("title", proposal.title),
            ("category", proposal.category.name if proposal.category else ""),
            ("district", proposal.district.name if proposal.district else ""),
            ("state", str(proposal.get_state_display())),
            ("moderation", str(proposal.get_moderation_display())),
            ("support_count", proposal.support_count),
            ("reached", _("yes") if proposal.reached else _("no")),
            ("created_at", local(proposal.created_at)),
            ("withdrawn_at", local(proposal.withdrawn_at)),
            ("answered_at", local(getattr(proposal, "answered_at", None))),
            ("answered_by", getattr(proposal, "answered_by", None) or ""),
            ("author", author_pseudonym(proposal)),
        ]
    )


def defuse(value):
    """Text a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
