"""Time arithmetic shared by the analytics: mission periods, years, overlaps."""

from __future__ import annotations

import datetime as dt


def as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def interval(record: dict, today: dt.date) -> tuple[dt.date, dt.date]:
    """[start, end] of a record with start_date/end_date; a missing end means 'until today'."""
    start = as_date(record.get("start_date")) or dt.date(1945, 1, 1)
    end = as_date(record.get("end_date")) or today
    return start, max(start, end)


def years(record: dict, today: dt.date) -> range:
    start, end = interval(record, today)
    return range(start.year, end.year + 1)


def overlap(
    a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date] | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def within(record: dict, period: tuple[int, int] | None, today: dt.date) -> bool:
    """Does the record's interval touch the calendar years ``period`` (inclusive)?"""
    if period is None:
        return True
    start, end = interval(record, today)
    return start.year <= period[1] and end.year >= period[0]
