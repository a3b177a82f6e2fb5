"""The results page's tables, built with Wagtail's table component (``wagtail.admin.ui.tables``).

Styled like every listing of the admin; each answer's row starts with a row
header, and the share column carries a bar (a styled ``<span>``, hidden from
screen readers, which read the number beside it), so the table is the chart.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table

from polls.results import BallotSources, QuestionResult


class RowHeaderColumn(Column):
    """The first cell of a row as ``<th scope="row">``."""

    cell_template_name = "polls/admin/tables/row_header_cell.html"


class ShareColumn(Column):
    """The share in per cent, as text and as a horizontal bar."""

    cell_template_name = "polls/admin/tables/share_cell.html"


class CountColumn(Column):
    cell_template_name = "polls/admin/tables/count_cell.html"


class ResultsTable(Table):
    classname = "listing poll-admin-table"


def question_table(result: QuestionResult, caption: str) -> Table:
    """One question's answers: votes and share (with the bar)."""
    return ResultsTable(
        [
            RowHeaderColumn("label", label=_("Answer")),
            CountColumn("count", label=_("Votes")),
            ShareColumn("percent", label=_("Share")),
        ],
        result.options,
        caption=caption,
    )


class SourceRow:
    def __init__(self, label, count, total):
        self.label = label
        self.count = count
        self.percent = round(100 * count / total, 1) if total else 0.0


def sources_table(sources: BallotSources, crowded_label: str) -> Table:
    """Where the ballots came from: signed in, anonymous, and of these from crowded networks."""
    rows = [
        SourceRow(_("From signed-in accounts"), sources.signed_in, sources.total),
        SourceRow(_("Without an account (anonymous browsers)"), sources.anonymous, sources.total),
        SourceRow(crowded_label, sources.crowded, sources.total),
    ]
    return ResultsTable(
        [
            RowHeaderColumn("label", label=_("Source")),
            CountColumn("count", label=_("Ballots")),
            ShareColumn("percent", label=_("Share of all ballots")),
        ],
        rows,
        caption=_("Where the ballots came from"),
    )
