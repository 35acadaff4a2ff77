"""One deadline and the rules that give it a status on a date.

Classification never guesses: a deadline that has passed with nothing recorded
either way is ``unconfirmed`` (someone must check it), not ``overdue``; ``overdue``
needs a record that it was still open after the due day. A completion known only to a
month or a year is compared as such: done in June 2016 is done after June 2016, and
in time for a deadline in that month (the benefit of the doubt, said in the row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..domain.dates import PartialDate
from ..domain.verdict import Verdict

DeadlineStatus = Literal[
    "overdue", "unconfirmed", "due-soon", "upcoming", "done-late", "done", "cancelled"
]
STATUSES: tuple[DeadlineStatus, ...] = (
    "overdue",
    "unconfirmed",
    "due-soon",
    "upcoming",
    "done-late",
    "done",
    "cancelled",
)
"""Most urgent first: what the table of statuses and ``--status`` list."""
ALIASES = {"no-data": "unconfirmed"}
"""Older names still accepted by options."""


@dataclass
class Deadline:
    """One deadline, and what the record says of it."""

    kind: str
    due: dt.date
    title: str
    state: str | None = None
    plan: str | None = None
    item: str | None = None
    done: PartialDate | None = None
    """When it was met (report submitted, destruction completed, item done): a day, or
    the month or year the sources give."""
    open_on: dt.date | None = None
    """Latest day the record says it was still open (planned / in progress)."""
    cancelled_on: dt.date | None = None
    event: bool = False
    """True for dates that happen by themselves (entry into force, withdrawal)."""
    basis: str = ""
    sources: list[str] = field(default_factory=list)
    status: DeadlineStatus = "upcoming"
    pending: bool = False
    """An extension that may replace this deadline was requested, and its decision is
    not known to have been taken by the date: a passed deadline is then unconfirmed."""
    note: str = ""
    internal: bool = False
    """From a users' internal record: left out of lists unless internal records are asked for."""

    @property
    def done_on(self) -> dt.date | None:
        """The day it was met, when the day is known."""
        return self.done.first_day if self.done and self.done.precision == "day" else None

    @done_on.setter
    def done_on(self, day: dt.date | None) -> None:
        self.done = PartialDate.parse(day) if day is not None else None

    @property
    def uid(self) -> str:
        """Stable identifier (for calendars): same deadline, same uid."""
        parts = [self.kind, self.state or "", self.plan or "", self.item or ""]
        if self.kind == "annual-report":
            parts.append(str(self.due.year))
        return "-".join(p for p in parts if p).lower() + "@ccmctl"


def classify(d: Deadline, on: dt.date, within: int) -> DeadlineStatus:
    """Status on ``on``:

    * ``done`` if met on or before it, by the due day; ``done-late`` if met after it; a
      completion known only to a month (or year) that contains the due day is ``done``,
      the benefit of the doubt (said in ``note``);
    * ``cancelled``;
    * past due: ``overdue`` if the record says it was still open after the due day, else
      ``unconfirmed`` (nothing recorded either way, or a decision on an extension pending);
    * ``due-soon`` within ``within`` days; else ``upcoming``."""
    if d.done is not None and d.done.on_or_before(on) is Verdict.MET:
        if d.done.last_day <= d.due:
            return "done"
        if d.done.first_day > d.due:
            return "done-late"
        d.note = f"completed in {d.done.human()}, which contains the due day: counted in time"
        return "done"
    if d.cancelled_on and d.cancelled_on <= on:
        return "cancelled"
    if d.due < on:
        if d.event:
            return "done"
        if not d.pending and d.open_on and d.open_on <= on and d.open_on >= d.due:
            return "overdue"
        return "unconfirmed"
    if (d.due - on).days <= within:
        return "due-soon"
    return "upcoming"
