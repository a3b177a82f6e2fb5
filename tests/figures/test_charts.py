"""The SVG bar charts leave room for their longest label (no label cut at the left edge)."""

from figures.charts import CHARACTER_WIDTH, LABEL_WIDTH, bar_chart


def test_a_long_label_widens_the_label_column_and_moves_the_bars():
    short = bar_chart("short", "Kurz", "Anzahl", [("Mai", 3)])
    label = "Ohne Konto, eine Stimme je Browser, begrenzt je Netzwerk und Tag"
    long = bar_chart("long", "Lang", "Anzahl", [(label, 3), ("Mai", 1)])
    assert short.label_width == LABEL_WIDTH
    assert long.label_width >= len(label) * CHARACTER_WIDTH
    assert long.bar_x > long.label_width
    assert long.width == short.width + (long.label_width - short.label_width)
    assert long.bars[0].width == 300 and long.bars[1].width == 100
