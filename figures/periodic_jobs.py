"""The rollups behind the figures are rebuilt every hour (``figures.rollup``)."""

from datetime import timedelta

from figures.rollup import refresh
from scheduling.registry import register

register(
    "figures.refresh",
    timedelta(hours=1),
    refresh,
    description="Rebuild the daily rollups of the figures (Auswertung) and the yearly report.",
)
