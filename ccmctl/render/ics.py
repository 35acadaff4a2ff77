"""Events as an RFC 5545 iCalendar file: one all-day VEVENT each, byte-identical reruns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ccmctl.render.cells import safe_terminal

PRODID = "-//ccmctl//Convention on Cluster Munitions deadlines//EN"
_LAST_DTEND_DAY = dt.date.max - dt.timedelta(days=1)


@dataclass(frozen=True)
class CalEvent:
    """One all-day calendar entry. ``uid`` must be stable across exports."""

    uid: str
    day: dt.date
    summary: str
    description: str
    categories: tuple[str, ...] = ()


def to_ics(events: Sequence[CalEvent], stamp_day: dt.date, calname: str) -> bytes:
    """An iCalendar (``.ics``) document, events in the order given.

    Each event is all-day: ``DTSTART;VALUE=DATE`` and ``DTEND`` = the next day, except from
    9999-12-30 on, where the next day could overflow ``datetime.date``: there ``DTEND`` is
    left out and ``DURATION:P1D`` used instead (equivalent under RFC 5545 3.6.1).
    ``DTSTAMP`` is ``stamp_day`` at 00:00 UTC for every event (pass the as-of day, not the
    clock) so two exports of the same data are byte-identical. Control characters, escape
    sequences, bidi overrides and zero-width characters are removed from text values
    (:func:`~ccmctl.render.cells.safe_terminal`; newlines kept); icalendar does the RFC 5545
    escaping (``\\,`` ``\\;`` ``\\n``) and line folding.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", safe_terminal(calname))
    stamp = dt.datetime(stamp_day.year, stamp_day.month, stamp_day.day, tzinfo=dt.timezone.utc)
    for e in events:
        ev = Event()
        ev.add("uid", safe_terminal(e.uid))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.day)
        if e.day >= _LAST_DTEND_DAY:
            ev.add("duration", dt.timedelta(days=1))
        else:
            ev.add("dtend", e.day + dt.timedelta(days=1))
        ev.add("summary", safe_terminal(e.summary))
        if e.description:
            ev.add("description", safe_terminal(e.description))
        if e.categories:
            ev.add("categories", [safe_terminal(c) for c in e.categories])
        cal.add_component(ev)
    return bytes(cal.to_ical())
