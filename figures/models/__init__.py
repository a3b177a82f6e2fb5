from figures.models.report import ReportPage
from figures.models.rollups import DailyFigure, MonthlyParticipants, ResponseTime, RollupRun

__all__ = ["DailyFigure", "MonthlyParticipants", "ReportPage", "ResponseTime", "RollupRun"]
