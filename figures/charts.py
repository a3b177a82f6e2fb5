"""Bar charts as plain geometry for an inline SVG, with the table that carries the same data.

No chart library and no script: ``templates/figures/includes/bar_chart.html``
draws the rectangles computed here (horizontal bars, the label left, the value
right) and a ``<table>`` with the same numbers beside it. The SVG is an image
with a title and a description; the table is what screen readers navigate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format

# #0a4f8f (the theme's primary) has 8.6:1 contrast on white: text and bars are AA.
BAR_COLOUR = "#0a4f8f"
TEXT_COLOUR = "#1b1f24"
LABEL_WIDTH = 220
# The labels are 13 px: about 7.5 px per character leaves room for the longest.
CHARACTER_WIDTH = 7.5
BAR_AREA = 300
VALUE_WIDTH = 90
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str
    y: int
    text_y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    description: str
    column: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 8
    value_x: int = LABEL_WIDTH + BAR_AREA + 16
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH + 16
    colour: str = BAR_COLOUR
    text_colour: str = TEXT_COLOUR

    @property
    def is_empty(self) -> bool:
        return not self.bars


def bar_chart(slug: str, title: str, column: str, items, description: str = "") -> BarChart:
    """``items``: (label, value) pairs, drawn in the order given."""
    items = [(str(label), value or 0) for label, value in items]
    top = max((value for _label, value in items), default=0)
    bars = []
    for position, (label, value) in enumerate(items):
        y = position * ROW_HEIGHT + 4
        bars.append(
            Bar(
                label=label,
                value=value,
                value_text=number_format(value, force_grouping=True),
                y=y,
                text_y=y + BAR_HEIGHT - 4,
                width=round(BAR_AREA * value / top, 1) if top else 0,
            )
        )
    summary = description or ", ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    longest = max((len(label) for label, _value in items), default=0)
    label_width = max(LABEL_WIDTH, round(longest * CHARACTER_WIDTH) + 8)
    return BarChart(
        slug=slug,
        title=title,
        description=summary,
        column=column,
        bars=bars,
        height=len(bars) * ROW_HEIGHT + 8,
        label_width=label_width,
        bar_x=label_width + 8,
        value_x=label_width + BAR_AREA + 16,
        width=label_width + BAR_AREA + VALUE_WIDTH + 16,
    )
