"""``ccmctl deadlines``: plan activities and the Convention's own deadlines,
classified on a date.

Each kind of deadline is one generator ``(dataset, on) -> Iterator[Deadline]``
in ``KINDS``; to add a kind, write one and a test. Classification never
guesses: a deadline that has passed with nothing recorded either way is
``unconfirmed`` (someone must check it), not ``overdue``; ``overdue`` needs a record
that it was still open after the due day. A completion known only to a month or a
year is compared as such (the rules are in :mod:`.deadline`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator

from .. import schema as m
from ..dataset import Dataset
from ..domain import treaty
from ..domain.dates import PartialDate
from ..domain.verdict import Verdict
from .deadline import ALIASES, STATUSES, Deadline, DeadlineStatus, classify
from .outreach import next_step_deadlines
from .registry import Registry

Generator = Callable[["Dataset", dt.date], Iterator["Deadline"]]


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
                    d.done = PartialDate.parse(st.date)
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
            d.done, d.sources = PartialDate.parse(r.submitted), m.source_ids(r.source)
        yield d


def annual_reports(ds: Dataset, on: dt.date) -> Iterator[Deadline]:
    """Art. 7(2): annual report by 30 April, every year after the initial report, up to
    the next 30 April after ``on`` (:func:`deadlines` keeps only the latest two unless
    asked for all)."""
    last = (on.year - 1 if on < dt.date(on.year, 4, 30) else on.year) + 1
    for s in ds.states.values():
        if (c := _consent(s, on)) is None:
            continue
        first = treaty.initial_report_due(treaty.entry_into_force(c.date))
        for year in range(first.year, last + 1):
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
                d.done, d.sources = PartialDate.parse(r.submitted), m.source_ids(r.source)
            yield d


def _obligation(
    ds: Dataset, on: dt.date, key: str, kind: str, label: str, basis: str
) -> Iterator[Deadline]:
    for s in ds.states.values():
        ob = getattr(s, key)
        if ob is None or s.ccm.consent is None or s.ccm.consent.date > on:
            continue
        if key == "article3" and not ob.stockpile:
            continue  # Art. 3 binds a state that holds stockpiles: none, no deadline
        due = treaty.original_deadline(key, s.ccm.consent.date, ob)
        granted = []
        pending = False
        for ext in ob.extensions:
            known = decided_by(ds, ext, on)
            if known is Verdict.MET:
                due = ext.deadline
                granted.append(ext.meeting)
                pending = False
            elif known is Verdict.UNKNOWN:
                pending = True  # requested; the decision is not known to be taken by then
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
        d.done = ob.completed
        d.pending = pending
        yield d


def decided_by(ds: Dataset, ext: m.Extension, on: dt.date) -> Verdict:
    """Whether an extension had been decided by ``on`` (Art. 3(5), 4(6): a Meeting of
    States Parties or a Review Conference decides). When the record dates the decision
    (a written or silence procedure, maybe only to the month or year), that date rules,
    bounded by the last day of the meeting it belongs to; otherwise the meeting's last
    day. Unknown while the recorded month or year is still running."""
    mt = ds.meetings.get(ext.meeting)
    if ext.decided is None:
        return Verdict.UNKNOWN if mt is None else Verdict.of(mt.end <= on)
    latest = min(ext.decided.last_day, mt.end) if mt else ext.decided.last_day
    if latest <= on:
        return Verdict.MET
    if ext.decided.first_day > on:
        return Verdict.NOT_MET
    return Verdict.UNKNOWN


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
KINDS.add("next-step", "next step of an engagement (users' record)", next_step_deadlines)

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
    include_internal: bool = False,
) -> list[Deadline]:
    """Every deadline, classified on ``on``, sorted by due date.

    ``show_all`` lists everything from the beginning. Otherwise annual reports are kept
    for the latest 30 April on or before ``on`` and the next one only; and unless
    ``statuses``, ``states`` or ``plans`` narrow the list, deadlines that passed over a
    year ago and are done or unconfirmed are left out (the Convention's history would
    drown what is due), and annual reports are one row per year for all States Parties."""
    statuses = [ALIASES.get(x, x) for x in statuses or []]
    narrowed = bool(statuses or show_all or states or plans)
    latest_april = on.year - 1 if on < dt.date(on.year, 4, 30) else on.year
    rows: list[Deadline] = []
    annual: dict[int, list[Deadline]] = {}
    for entry in KINDS.entries():
        kind, gen = entry.id, entry.function
        if kinds and kind not in kinds:
            continue
        for d in gen(ds, on):
            if d.internal and not include_internal:
                continue
            if states and d.state not in states:
                continue
            if plans and d.plan not in plans:
                continue
            if kind == "annual-report" and not show_all and d.due.year < latest_april:
                continue
            d.status = classify(d, on, within)
            if statuses and d.status not in statuses:
                continue
            old = (on - d.due).days > RECENT_DAYS
            if not narrowed and old and d.status in ("done", "done-late", "unconfirmed"):
                continue
            if not narrowed and d.kind == "annual-report":
                annual.setdefault(d.due.year, []).append(d)
                continue
            rows.append(d)
    rows += [_all_states(year, group) for year, group in annual.items()]
    rows.sort(key=lambda d: (d.due, d.kind, d.state or "", d.plan or "", d.item or ""))
    return rows


def _all_states(year: int, group: list[Deadline]) -> Deadline:
    """One row for a year's annual reports: done only if every State Party's is recorded
    as submitted in time; otherwise the most urgent status among them."""
    done = [d for d in group if d.status in ("done", "done-late")]
    d = Deadline(
        "annual-report",
        group[0].due,
        f"Annual transparency reports {year}: {len(group)} States Parties, "
        f"{len(done)} recorded as submitted",
        basis="Art. 7(2)",
    )
    statuses = {g.status for g in group}
    d.status = next(s for s in STATUSES if s in statuses)
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
        "done_on": str(d.done) if d.done else None,
        "basis": d.basis,
        "note": d.note or None,
        "sources": d.sources,
        "uid": d.uid,
    }


__all__ = ["ALIASES", "KINDS", "STATUSES", "Deadline", "DeadlineStatus", "classify", "deadlines"]
