"""``ccmctl changes --since DATE|MEETING``: what happened since a day, in date order — every
treaty event (signatures, deposits, withdrawals, completions of Articles 3 and 4,
extensions granted, UNGA resolutions, meetings) and every user record (engagements, survey
answers, obstacles, plan status entries, Article 7 reports). The view a Presidency asks for
first: "what happened since the last meeting".

Internal records are left out unless asked for, and counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..domain.dates import PartialDate
from ..domain.treaty import TREATY_NAMES

CATEGORIES = ("treaty", "obligation", "report", "unga", "meeting", "outreach", "survey",
              "obstacle", "plan")  # fmt: skip
"""What a change can be: the first five are the treaty record, the rest the users' own."""

TREATY_LABELS = {"ccm": "CCM", "apmbc": "APMBC", "ccw": "CCW", "ccw_apii": "CCW APII",
                 "ccw_pv": "CCW Protocol V"}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One dated fact."""

    date: dt.date
    """The day it is sorted by (the first day of a month or year the sources give)."""
    when: str
    """The date as recorded (``2016-06`` for a month)."""
    category: str
    subject: str
    """The state's ISO3 code, the plan id, the meeting id or the resolution's year."""
    name: str
    what: str
    id: str | None = None
    visibility: str | None = None
    """For users' outreach records: internal or public."""
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.when,
            "category": self.category,
            "subject": self.subject,
            "name": self.name,
            "what": self.what,
            "id": self.id,
            "visibility": self.visibility,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class ChangesResult:
    since: dt.date
    until: dt.date
    rows: list[Change]
    left_out: int


def _day(value: dt.date | PartialDate) -> tuple[dt.date, str]:
    if isinstance(value, PartialDate):
        return value.first_day, str(value)
    return value, value.isoformat()


def _of(s: m.State, day: dt.date | PartialDate, category: str, what: str, **kw: Any) -> Change:
    """A change about a state, dated ``day`` (a partial date sorts by its first day)."""
    if isinstance(day, PartialDate):
        return Change(day.first_day, str(day), category, s.iso3, s.name, what, **kw)
    return Change(day, day.isoformat(), category, s.iso3, s.name, what, **kw)


def _src(ref: m.SourceRef | None) -> tuple[str, ...]:
    return tuple(m.source_ids(ref))


def _treaty(s: m.State) -> Iterator[Change]:
    for key in TREATY_NAMES:
        part: m.Participation | None = getattr(s, key, None)
        if part is None:
            continue
        label = TREATY_LABELS.get(key, key)
        if part.signature:
            sig = part.signature
            yield _of(s, sig.date, "treaty", f"{label}: signature", sources=_src(sig.source))
        if part.consent:
            c = part.consent
            what = f"{label}: {c.kind} deposited"
            yield _of(s, c.date, "treaty", what, sources=_src(c.source))
        if part.withdrawal:
            w = part.withdrawal
            what = f"{label}: notice of withdrawal (effective {w.effective})"
            yield _of(s, w.notified, "treaty", what, sources=_src(w.source))
            what = f"{label}: withdrawal takes effect"
            yield _of(s, w.effective, "treaty", what, sources=_src(w.source))


OBLIGATIONS = (("article3", "stockpile destruction (Art. 3)"), ("article4", "clearance (Art. 4)"))


def _obligations(ds: Dataset, s: m.State) -> Iterator[Change]:
    for key, label in OBLIGATIONS:
        ob = getattr(s, key)
        if ob is None:
            continue
        if ob.completed is not None:
            day, when = _day(ob.completed)
            yield Change(
                day, when, "obligation", s.iso3, s.name, f"{label} completed",
                sources=_src(ob.source),
            )  # fmt: skip
        for ext in ob.extensions:
            decided: Any = getattr(ext, "decided", None)
            if decided is None and ext.meeting in ds.meetings:
                decided = ds.meetings[ext.meeting].end
            if decided is None:
                continue
            day, when = _day(decided)
            what = f"{label}: extension to {ext.deadline} granted ({ext.meeting})"
            yield Change(day, when, "obligation", s.iso3, s.name, what, sources=_src(ext.source))


def _reports(s: m.State) -> Iterator[Change]:
    for r in s.article7:
        day, when = _day(r.submitted)
        what = f"Art. 7 {r.kind} report" + (f" {r.year}" if r.year else "") + " submitted"
        yield Change(day, when, "report", s.iso3, s.name, what, r.id, sources=_src(r.source))


def _outreach(s: m.State) -> Iterator[Change]:
    o = s.outreach
    for e in o.engagements:
        what = f"{e.kind}: {e.summary}" + (f" Outcome: {e.outcome}" if e.outcome else "")
        yield _of(s, e.date, "outreach", what, id=e.id, visibility=e.visibility,
                  sources=_src(e.source))  # fmt: skip
    for a in o.survey:
        reasons = f" ({', '.join(a.reasons)})" if a.reasons else ""
        what = f"survey answer: {a.position}{reasons}"
        yield _of(s, a.date, "survey", what, id=a.id, visibility=a.visibility,
                  sources=_src(a.source))  # fmt: skip
    for x in o.obstacles:
        if x.identified is None:
            continue
        what = f"obstacle identified: {x.summary}"
        yield _of(s, x.identified, "obstacle", what, id=x.id, visibility=x.visibility,
                  sources=_src(x.source))  # fmt: skip


def _plans(ds: Dataset) -> Iterator[Change]:
    for p in ds.plans.values():
        for item in p.items:
            for st in item.status:
                what = f"{item.title}: {st.status}" + (f" ({st.note})" if st.note else "")
                yield Change(st.date, st.date.isoformat(), "plan", p.id, p.id, what, st.id,
                             sources=_src(st.source))  # fmt: skip
        for ind in p.indicators:
            for st in ind.status:
                what = f"{ind.title}: {st.status}"
                yield Change(st.date, st.date.isoformat(), "plan", p.id, p.id, what, st.id,
                             sources=_src(st.source))  # fmt: skip


def _catalogues(ds: Dataset) -> Iterator[Change]:
    for mt in ds.meetings.values():
        what = f"{mt.name} opens ({mt.city})"
        yield Change(mt.start, mt.start.isoformat(), "meeting", mt.id, mt.name, what,
                     sources=_src(mt.source))  # fmt: skip
    for r in ds.resolutions.values():
        if r.adopted is None:
            continue
        tally = ""
        if r.tally is not None and r.tally.yes is not None:
            no = r.tally.no if r.tally.no is not None else "?"
            abstain = r.tally.abstain if r.tally.abstain is not None else "?"
            tally = f" ({r.tally.yes}-{no}-{abstain})"
        name = r.symbol or f"UNGA {r.year}"
        yield Change(r.adopted, r.adopted.isoformat(), "unga", str(r.year), name,
                     f"UNGA resolution adopted{tally}", sources=_src(r.source))  # fmt: skip


def changes(
    ds: Dataset,
    since: dt.date,
    until: dt.date,
    *,
    states: Sequence[str] = (),
    categories: Sequence[str] = (),
    include_internal: bool = False,
) -> ChangesResult:
    """Everything dated from ``since`` to ``until`` (both inclusive), oldest first."""
    found: list[Change] = []
    for s in ds.states.values():
        if states and s.iso3 not in states:
            continue
        found += [*_treaty(s), *_obligations(ds, s), *_reports(s), *_outreach(s)]
    if not states:
        found += [*_plans(ds), *_catalogues(ds)]
    rows: list[Change] = []
    left_out = 0
    for c in found:
        if not since <= c.date <= until or (categories and c.category not in categories):
            continue
        if c.visibility is not None and not include_internal and c.visibility != "public":
            # the rule of queries.outreach.visible: public only when it says so
            left_out += 1
            continue
        rows.append(c)
    rows.sort(key=lambda c: (c.date, CATEGORIES.index(c.category), c.name, c.what))
    return ChangesResult(since, until, rows, left_out)
