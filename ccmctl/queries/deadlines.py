"""``ccmctl deadlines``: plan activities and the Convention's own deadlines,
classified on a date.

Each kind of deadline is one generator ``(dataset, on) -> Iterator[Deadline]``
in ``KINDS``; to add a kind, write one and a test. Classification never
guesses: a deadline that has passed with nothing recorded either way is
``no-data``, not ``overdue``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .. import schema as m
from ..dataset import Dataset
from ..domain import treaty
from .registry import Registry

DeadlineStatus = Literal["done", "overdue", "due-soon", "upcoming", "no-data", "cancelled"]
STATUSES: tuple[DeadlineStatus, ...] = (
    "overdue",
    "due-soon",
    "upcoming",
    "no-data",
    "done",
    "cancelled",
)


Generator = Callable[["Dataset", dt.date], Iterator["Deadline"]]


@dataclass
class Deadline:
    """One deadline, and what the record says of it."""

    kind: str
    due: dt.date
    title: str
    state: str | None = None
    plan: str | None = None
    item: str | None = None
    done_on: dt.date | None = None
    """Day it was met (report submitted, destruction completed, item done)."""
    open_on: dt.date | None = None
    """Latest day the record says it was still open (planned / in progress)."""
    cancelled_on: dt.date | None = None
    event: bool = False
    """True for dates that happen by themselves (entry into force, withdrawal)."""
    basis: str = ""
    sources: list[str] = field(default_factory=list)
    status: DeadlineStatus = "upcoming"

    @property
    def uid(self) -> str:
        """Stable identifier (for calendars): same deadline, same uid."""
        parts = [self.kind, self.state or "", self.plan or "", self.item or ""]
        if self.kind == "annual-report":
            parts.append(str(self.due.year))
        return "-".join(p for p in parts if p).lower() + "@ccmctl"


def last_day_of_month(month: str) -> dt.date:
    year, mon = (int(x) for x in month.split("-"))
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])


def due_date(ds: Dataset, due: m.Due) -> dt.date:
    """A plan item's due day: a day; a month's last day; a period's end; a
    meeting's opening day."""
    if due.date:
        return due.date
    if due.month:
        return last_day_of_month(due.month)
    if due.until:
        return due.until if isinstance(due.until, dt.date) else last_day_of_month(due.until)
    assert due.meeting is not None
    return ds.resolve_date(due.meeting)


def classify(d: Deadline, on: dt.date, within: int) -> DeadlineStatus:
    """Status on ``on``: done if met on or before it; cancelled; overdue if past due and
    the record says it was still open after the due day; no-data if past due and the
    record says nothing after it; due-soon within ``within`` days; else upcoming."""
    if d.done_on and d.done_on <= on:
        return "done"
    if d.cancelled_on and d.cancelled_on <= on:
        return "cancelled"
    if d.due < on:
        if d.event:
            return "done"
        if d.open_on and d.open_on <= on and d.open_on >= d.due:
            return "overdue"
        return "no-data"
    if (d.due - on).days <= within:
        return "due-soon"
    return "upcoming"


# --- plan items ------------------------------------------------------------------


def plan_items(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Every plan item with a due date or period (data/plans)."""
    for plan in ds.plans.values():
        for item in plan.items:
            if item.due is None:
                continue
            d = Deadline(
                "plan-item",
                due_date(ds, item.due),
                item.title,
                plan=plan.id,
                item=item.id,
                basis=f"{plan.id} {item.section or ''}".strip(),
            )
            for st in item.status:
                if st.date > on:
                    continue
                d.sources = m.source_ids(st.source)
                if st.status == "done":
                    d.done_on = st.date
                elif st.status == "cancelled":
                    d.cancelled_on = st.date
                else:
                    d.open_on = st.date
            yield d


# --- the Convention's own deadlines ---------------------------------------------


def _consent(s: m.State, on: dt.date) -> m.Consent | None:
    """The state's CCM consent if it is a State Party on ``on``."""
    if treaty.ccm_status(s, on) == "party" and s.ccm.consent:
        return s.ccm.consent
    return None


def entries_into_force(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 17: the Convention enters into force for each State Party."""
    for s in ds.states.values():
        if (c := _consent(s, on)) is None:
            continue
        yield Deadline(
            "entry-into-force",
            treaty.entry_into_force(c.date),
            f"CCM enters into force for {s.name}",
            state=s.iso3,
            event=True,
            basis="Art. 17",
            sources=m.source_ids(c.source),
        )


def _reports(s: m.State, kind: str, year: int | None = None) -> list[m.Report]:
    return [r for r in s.article7 if r.kind == kind and (year is None or r.year == year)]


def initial_reports(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 7(1): initial transparency report within 180 days of entry into force."""
    for s in ds.states.values():
        if (c := _consent(s, on)) is None:
            continue
        due = treaty.initial_report_due(treaty.entry_into_force(c.date))
        d = Deadline(
            "initial-report",
            due,
            f"{s.name}: initial transparency report",
            state=s.iso3,
            basis="Art. 7(1)",
        )
        for r in _reports(s, "initial"):
            d.done_on, d.sources = r.submitted, m.source_ids(r.source)
        yield d


def annual_reports(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 7(2): annual report by 30 April. Only the latest 30 April on or before
    ``on`` and the next one are listed (older years would mostly say no-data)."""
    years = [on.year - 1 if on < dt.date(on.year, 4, 30) else on.year]
    years.append(years[0] + 1)
    for s in ds.states.values():
        if (c := _consent(s, on)) is None:
            continue
        first = treaty.initial_report_due(treaty.entry_into_force(c.date))
        for year in years:
            due = treaty.annual_report_due(year)
            if due <= first:
                continue
            d = Deadline(
                "annual-report",
                due,
                f"{s.name}: annual transparency report {year}",
                state=s.iso3,
                basis="Art. 7(2)",
            )
            for r in _reports(s, "annual", year):
                d.done_on, d.sources = r.submitted, m.source_ids(r.source)
            yield d


def _obligation(
    ds: Dataset, on: dt.date, key: str, kind: str, label: str, basis: str
) -> Iterator[Deadline]:
    for s in ds.states.values():
        ob = getattr(s, key)
        if ob is None or s.ccm.consent is None or s.ccm.consent.date > on:
            continue
        due = treaty.original_deadline(key, s.ccm.consent.date, ob)
        granted = []
        for ext in ob.extensions:
            decided = ds.meetings[ext.meeting].end if ext.meeting in ds.meetings else None
            if decided and decided <= on:
                due = ext.deadline
                granted.append(ext.meeting)
        assert due is not None
        extra = f" (extended at {', '.join(granted)})" if granted else ""
        d = Deadline(
            kind,
            due,
            f"{s.name}: {label}{extra}",
            state=s.iso3,
            basis=basis,
            sources=m.source_ids(ob.source),
        )
        d.done_on = ob.completed
        yield d


def stockpile_destruction(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 3(2): destroy stockpiles within 8 years of entry into force; the deadline in
    force on ``on`` is the last extension decided by then (Art. 3(3)-(6))."""
    return _obligation(
        ds, on, "article3", "stockpile-destruction", "stockpile destruction (Art. 3)", "Art. 3(2)"
    )


def clearance(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 4(1): clear remnants within 10 years of entry into force (or of the end of
    active hostilities); the deadline in force is the last extension decided by then."""
    return _obligation(ds, on, "article4", "clearance", "clearance (Art. 4)", "Art. 4(1)")


def withdrawals(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 20(3): a withdrawal takes effect six months after notice."""
    for s in ds.states.values():
        w = s.ccm.withdrawal
        if w is None or w.notified > on:
            continue
        yield Deadline(
            "withdrawal",
            w.effective,
            f"{s.name}: withdrawal takes effect",
            state=s.iso3,
            event=True,
            basis="Art. 20(3)",
            sources=m.source_ids(w.source),
        )


KINDS: Registry[Generator] = Registry("deadline kind")
"""The kinds of deadline, in the order ``--kind`` lists them."""
KINDS.add("plan-item", "plan activity", plan_items)
KINDS.add("entry-into-force", "entry into force (Art. 17)", entries_into_force)
KINDS.add("initial-report", "initial transparency report (Art. 7(1))", initial_reports)
KINDS.add("annual-report", "annual transparency report (Art. 7(2))", annual_reports)
KINDS.add("stockpile-destruction", "stockpile destruction (Art. 3)", stockpile_destruction)
KINDS.add("clearance", "clearance (Art. 4)", clearance)
KINDS.add("withdrawal", "withdrawal takes effect (Art. 20)", withdrawals)

RECENT_DAYS = 365


def deadlines(
    ds: Dataset,
    on: dt.date,
    *,
    within: int = 30,
    states: list[str] | None = None,
    plans: list[str] | None = None,
    kinds: list[str] | None = None,
    statuses: list[str] | None = None,
    show_all: bool = False,
) -> list[Deadline]:
    """Every deadline, classified on ``on``, sorted by due date.

    Unless ``show_all``, ``statuses``, ``states`` or ``plans`` narrow the list: deadlines
    that passed over a year ago and are done or have no data are left out (the
    Convention's history would drown what is due), and annual reports are one row per
    year for all States Parties rather than one per state."""
    narrowed = bool(statuses or show_all or states or plans)
    rows: list[Deadline] = []
    annual: dict[int, list[Deadline]] = {}
    for entry in KINDS.entries():
        kind, gen = entry.id, entry.function
        if kinds and kind not in kinds:
            continue
        for d in gen(ds, on):
            if states and d.state not in states:
                continue
            if plans and d.plan not in plans:
                continue
            d.status = classify(d, on, within)
            if statuses and d.status not in statuses:
                continue
            if not narrowed and d.status in ("done", "no-data") and (on - d.due).days > RECENT_DAYS:
                continue
            if not narrowed and d.kind == "annual-report":
                annual.setdefault(d.due.year, []).append(d)
                continue
            rows.append(d)
    rows += [_all_states(year, group) for year, group in annual.items()]
    rows.sort(key=lambda d: (d.due, d.kind, d.state or "", d.plan or "", d.item or ""))
    return rows


def _all_states(year: int, group: list[Deadline]) -> Deadline:
    """One row for a year's annual reports: done only if every State Party's is recorded."""
    done = [d for d in group if d.status == "done"]
    d = Deadline(
        "annual-report",
        group[0].due,
        f"Annual transparency reports {year}: {len(group)} States Parties, "
        f"{len(done)} recorded as submitted",
        basis="Art. 7(2)",
    )
    statuses = {g.status for g in group}
    d.status = (
        "done"
        if statuses == {"done"}
        else next(s for s in STATUSES if s in statuses and s != "done")
    )
    return d


def as_row(d: Deadline) -> dict[str, object]:
    return {
        "kind": d.kind,
        "state": d.state,
        "plan": d.plan,
        "item": d.item,
        "due": d.due.isoformat(),
        "status": d.status,
        "title": d.title,
        "done_on": d.done_on.isoformat() if d.done_on else None,
        "basis": d.basis,
        "sources": d.sources,
        "uid": d.uid,
    }
