"""Small helpers for the admin's tables: dates as the administration writes them."""

# German typography (en dashes) on purpose.
# ruff: noqa: RUF001, RUF002

from datetime import date, datetime

from django.utils import formats, timezone


def short_period(start: date | datetime | None, end: date | datetime | None) -> str:
    """'05.12.2026 – 01.01.2027'."""
    return f"{short_date(start)} – {short_date(end)}"


def short_date(value: date | datetime | None) -> str:
    """'05.12.2026' (in the active language's short format); a dash for none."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")
