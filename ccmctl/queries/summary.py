"""The report's executive summary (the first section of :data:`ccmctl.queries.report.SECTIONS`),
and the data the documents' charts and world map draw from.

Plain data only, like every section: numbers, names, ISO dates, and the same dates as
people write them (``"10 September 2024"``, keys ending in ``_text``) so that every
template, Markdown or HTML, shows them alike without a filter of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..domain.treaty import STATUSES, ccm_status
from ..domain.written import day_text, names_text, span_text
from .request import Request
from .status import status

if TYPE_CHECKING:
    from .. import schema as m
    from ..dataset import Dataset


def unga_rows(ds: Dataset, on: dt.date) -> list[dict[str, Any]]:
    """The yearly UNGA resolution, adopted by ``on`` (a resolution with no recorded
    adoption day counts from the end of its year), with its plenary tally where found."""
    rows = []
    for year in sorted(ds.resolutions):
        res = ds.resolutions[year]
        adopted = res.adopted or dt.date(year, 12, 31)
        if adopted > on:
            continue
        tally = res.tally
        rows.append(
            {
                "year": year,
                "symbol": res.symbol or "",
                "adopted": res.adopted.isoformat() if res.adopted else "",
                "adopted_text": day_text(res.adopted),
                "yes": tally.yes if tally else None,
                "no": tally.no if tally else None,
                "abstain": tally.abstain if tally else None,
            }
        )
    return rows


def _joined(ds: Dataset, since: dt.date | None, on: dt.date) -> list[dict[str, str]]:
    out = []
    for s in ds.states.values():
        c = s.ccm.consent
        if c and (since is None or c.date > since) and c.date <= on:
            out.append({"name": s.name, "iso3": s.iso3, "date": c.date.isoformat(), "kind": c.kind})
    return sorted(out, key=lambda r: (r["date"], r["name"]))


def _withdrew(ds: Dataset, since: dt.date | None, on: dt.date) -> list[dict[str, str]]:
    out = []
    for s in ds.states.values():
        w = s.ccm.withdrawal
        if w and (since is None or w.effective > since) and w.effective <= on:
            out.append({"name": s.name, "iso3": s.iso3, "date": w.effective.isoformat()})
    return sorted(out, key=lambda r: (r["date"], r["name"]))


def _leads(ds: Dataset, plans: list[m.Plan]) -> dict[str, Any]:
    """Who carries the reported universalization plans (work plans and concept notes; an
    action plan is every State Party's): the states among their owners, then the bodies."""
    states: list[str] = []
    bodies: list[str] = []
    for plan in plans:
        if plan.kind == "action-plan":
            continue
        for ref in plan.owners:
            if ref in ds.states:
                name = ds.state_name(ref)
                if name not in states:
                    states.append(name)
            elif ref in ds.bodies:
                name = ds.bodies[ref].name
                if name not in bodies:
                    bodies.append(name)
    return {
        "states": states,
        "bodies": bodies,
        "states_text": names_text(states),
        "bodies_text": names_text(bodies),
    }


def executive_summary(r: Request) -> dict[str, Any]:
    """The numbers and changes of the period in five lines: States Parties and who
    joined since the previous meeting, the signatories by name, states not signed and
    withdrawn, the latest UNGA tally, the Presidency and the plans' owners. Also the data
    the charts and the world map draw: every resolution's tally and each state's status."""
    ds, on = r.ds, r.on
    since = r.previous.start if r.previous else None
    now = status(ds, on)
    before = status(ds, since) if since else None
    unga = unga_rows(ds, on)
    tallied = [u for u in unga if u["yes"] is not None]
    pres = r.meeting.president
    signatories = sorted(ds.state_name(i) for i in now.states["signatory"])
    summary = {
        "as_of_text": day_text(on),
        "meeting_dates_text": span_text(r.meeting.start, r.meeting.end),
        "since": since.isoformat() if since else "",
        "since_text": day_text(since),
        "previous_name": r.previous.name if r.previous else "",
        "counts": dict(now.counts),
        "counts_before": dict(before.counts) if before else None,
        "change": {k: now.counts[k] - (before.counts[k] if before else 0) for k in STATUSES},
        "joined_text": names_text([j["name"] for j in _joined(ds, since, on)]),
        "joined": [
            {**j, "date_text": day_text(dt.date.fromisoformat(j["date"]))}
            for j in _joined(ds, since, on)
        ],
        "withdrew": [
            {**w, "date_text": day_text(dt.date.fromisoformat(w["date"]))}
            for w in _withdrew(ds, since, on)
        ],
        "signatories": signatories,
        "signatories_text": names_text(signatories),
        "unga": unga,
        "unga_latest": tallied[-1] if tallied else None,
        "presidency": (
            {"state": ds.state_name(pres.state), "iso3": pres.state, "person": pres.person or ""}
            if pres
            else None
        ),
        "leads": _leads(ds, r.plans),
    }
    world = [
        {"iso3": s.iso3, "name": s.name, "status": ccm_status(s, on)}
        for s in sorted(ds.states.values(), key=lambda s: s.iso3)
    ]
    return {"summary": summary, "world": world}
