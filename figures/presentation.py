"""The figures as people read them: key numbers, charts and the rows of the exports.

One place turns ``queries.Figures`` into labelled values, so the dashboard,
the report block and the CSV/XLSX exports always show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from figures.charts import BarChart, bar_chart
from figures.queries import Figures

# What a report's "Kennzahlen" block may show; the dashboard shows all.
SECTIONS = ("statuses", "contributions", "participants", "answers", "ballots", "months")


@dataclass(frozen=True)
class KeyFigure:
    slug: str
    label: str
    value: object  # a number, or None for "no data"

    @property
    def text(self) -> str:
        if self.value is None:
            return _("no data")
        if isinstance(self.value, float):
            return formats.number_format(self.value, decimal_pos=1, force_grouping=True)
        return formats.number_format(self.value, force_grouping=True)


def hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def key_figures(figures: Figures, sections=SECTIONS) -> list[KeyFigure]:
    totals = figures.totals
    rows = []
    if "statuses" in sections:
        rows.append(
            KeyFigure("projects", _("Projects"), sum(count for *_s, count in figures.statuses))
        )
    if "contributions" in sections:
        rows += [
            KeyFigure("comments", _("Contributions (comments)"), totals["comments"]),
            KeyFigure("supports", _("Supports of comments"), totals["supports"]),
        ]
    if "ballots" in sections:
        rows.append(KeyFigure("ballots", _("Ballots"), figures.ballots))
    if "participants" in sections:
        rows.append(
            KeyFigure(
                "participants",
                _("Participants (distinct per project and month, summed)"),
                figures.participants,
            )
        )
    if "answers" in sections:
        rows += [
            KeyFigure("official_answers", _("Official answers"), totals["official_answers"]),
            KeyFigure(
                "answered_share",
                _("Contributions answered officially (%)"),
                percent(figures.answered_share),
            ),
            KeyFigure(
                "median_answer_hours",
                _("Median time to an official answer (hours)"),
                hours(figures.median_answer_seconds),
            ),
        ]
    return rows


def moderation_figures(figures: Figures) -> list[KeyFigure]:
    moderation = figures.moderation
    return [
        KeyFigure("reports", _("Reports"), moderation.reports),
        KeyFigure("removals", _("Comments removed or rejected"), moderation.removals),
        KeyFigure("decisions", _("Moderation decisions"), moderation.decisions),
        KeyFigure(
            "median_decision_hours",
            _("Median time to a moderation decision (hours)"),
            hours(moderation.median_decision_seconds),
        ),
        KeyFigure("waiting", _("Waiting for moderation now"), moderation.waiting),
    ]


def month_label(month) -> str:
    return formats.date_format(month, "F Y")


def charts(figures: Figures, sections=SECTIONS) -> list[BarChart]:
    result = []
    if "statuses" in sections:
        result.append(
            bar_chart(
                "statuses",
                _("Projects by status"),
                _("Projects"),
                [(label, count) for _value, label, count in figures.statuses],
            )
        )
    if "months" in sections:
        for slug, title, attribute in (
            ("comments", _("Contributions per month"), "comments"),
            ("supports", _("Supports per month"), "supports"),
            ("ballots", _("Ballots per month"), "ballots"),
            ("participants", _("Participants per month"), "participants"),
        ):
            result.append(
                bar_chart(
                    f"months-{slug}",
                    title,
                    pgettext("how many", "Count"),
                    [(month_label(row.month), getattr(row, attribute)) for row in figures.months],
                )
            )
    if "ballots" in sections:
        result.append(
            bar_chart(
                "ballot-kinds",
                _("Ballots by kind of voter"),
                _("Ballots"),
                [(label, count) for _key, label, count in figures.ballots_by_kind],
            )
        )
    return result


def export_rows(figures: Figures) -> list[list]:
    """One table: section, figure, value; German headers through the catalogue."""
    rows = [[_("Section"), _("Figure"), _("Value")]]
    stand = figures.refreshed_at
    rows.append(
        [
            _("Freshness"),
            _("Figures as of"),
            formats.date_format(timezone.localtime(stand), "DATETIME_FORMAT")
            if stand
            else _("no data"),
        ]
    )
    for figure in key_figures(figures):
        rows.append([_("Key figures"), figure.label, figure.value])
    for figure in moderation_figures(figures):
        rows.append([_("Moderation"), figure.label, figure.value])
    for _value, label, count in figures.statuses:
        rows.append([_("Projects by status"), label, count])
    for _key, label, count in figures.ballots_by_kind:
        rows.append([_("Ballots by kind of voter"), label, count])
    for row in figures.months:
        month = row.month.strftime("%Y-%m")
        rows += [
            [_("Contributions per month"), month, row.comments],
            [_("Supports per month"), month, row.supports],
            [_("Ballots per month"), month, row.ballots],
            [_("Participants per month"), month, row.participants],
        ]
    return [[cell(value) for value in row] for row in rows]


def cell(value):
    """Numbers stay numbers (a spreadsheet sums them); labels, lazy ones too, become text."""
    return value if value is None or isinstance(value, int | float) else str(value)


def freshness_text(figures: Figures) -> str:
    if figures.refreshed_at is None:
        return _("The figures have not been computed yet.")
    return _("As of %(time)s") % {
        "time": formats.date_format(timezone.localtime(figures.refreshed_at), "DATETIME_FORMAT")
    }
