"""Dates and lists as people write them in a document: ``10 September 2024``,
``10 to 13 September 2024``, ``Angola, Haiti and Kenya``. Pure functions."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def day_text(day: dt.date | None) -> str:
    """A date as people write it: ``10 September 2024`` (empty for None)."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def iso_day_text(value: object) -> str:
    """:func:`day_text` of an ISO date string; any other text is returned as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return day_text(value)
    text = str(value)
    try:
        return day_text(dt.date.fromisoformat(text))
    except ValueError:
        return text


def span_text(start: dt.date, end: dt.date) -> str:
    """``10 to 13 September 2024``, ``30 November to 2 December 2026``."""
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {day_text(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} to {day_text(end)}"
    return f"{day_text(start)} to {day_text(end)}"


def names_text(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
