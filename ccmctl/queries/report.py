"""``ccmctl report``: the context of a meeting's universalization progress report.

This module only computes; all prose is in ``templates/report.md.j2`` and the
rendering in :mod:`ccmctl.render.report`. The report is a sequence of sections
(:data:`SECTIONS`), each one function that adds its part of the context. Every
value in the context is plain data (str, int, list, dict) keyed by ids, with the
display labels apart in ``labels``, so that a user's own template runs in Jinja2's
sandbox with nothing to reach.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import STATUS_LABELS, STATUSES
from .criteria import CRITERIA
from .deadlines import deadlines
from .outreach import report_outreach, survey
from .registry import Registry
from .request import Request, Section
from .status import status
from .summary import executive_summary
from .targets import targets


def default_as_of(ds: Dataset, meeting: m.Meeting, today: dt.date) -> dt.date:
    """The meeting's opening day when it is past, else today."""
    return meeting.start if meeting.start <= today else today


def plan_period(ds: Dataset, plan: m.Plan) -> tuple[dt.date | None, dt.date | None]:
    adopted = ds.meetings.get(plan.adopted_at) if plan.adopted_at else None
    up_to = ds.meetings.get(plan.up_to) if plan.up_to else None
    start = plan.start or (adopted.end if adopted else None)
    end = plan.end or (up_to.start if up_to else None)
    return start, end


def plans_for(ds: Dataset, meeting: m.Meeting) -> list[m.Plan]:
    """The plans running up to a meeting: those that end with it, or whose period
    contains its opening day."""
    out = []
    for plan in ds.plans.values():
        start, end = plan_period(ds, plan)
        if plan.up_to == meeting.id or (start and end and start <= meeting.start <= end):
            out.append(plan)
    return sorted(out, key=lambda p: (p.kind != "action-plan", p.id))


def previous_meeting(ds: Dataset, meeting: m.Meeting) -> m.Meeting | None:
    """The meeting whose opening starts the period a report covers: for a Review
    Conference the previous Review Conference (the five years between them), for a
    Meeting of States Parties the previous meeting of either kind."""
    earlier = [mt for mt in ds.meetings_in_order() if mt.start < meeting.start]
    if meeting.kind == "rc":
        earlier = [mt for mt in earlier if mt.kind == "rc"]
    return earlier[-1] if earlier else None


def meetings_between(ds: Dataset, first: m.Meeting | None, meeting: m.Meeting) -> list[m.Meeting]:
    """The meetings held after ``first`` opened and before ``meeting`` opened."""
    start = first.start if first else dt.date.min
    return [mt for mt in ds.meetings_in_order() if start < mt.start < meeting.start]


def evaluate(ds: Dataset, ind: m.Indicator, on: dt.date) -> dict[str, Any]:
    """An indicator's target, actual value and verdict on ``on``: met, not met, or
    open (its date has not come)."""
    row: dict[str, Any] = {
        "id": ind.id,
        "title": ind.title,
        "metric": ind.metric,
        "target": ind.target,
        "actual": None,
        "verdict": "not computable",
        "by": None,
        "window": None,
        "states": [],
    }
    if ind.metric == "manual":
        seen = [st for st in ind.status if st.date <= on]
        row["verdict"] = seen[-1].status if seen else "no data"
        return row
    assert ind.by is not None and ind.target is not None
    by = ds.resolve_date(ind.by)
    until = min(by, on)
    row["by"] = by.isoformat()
    if ind.metric == "new_states_parties":
        assert ind.from_ is not None
        start = ds.resolve_date(ind.from_)
        joined = sorted(
            (s.ccm.consent.date, s.name)
            for s in ds.states.values()
            if s.ccm.consent and start < s.ccm.consent.date <= until
        )
        row["actual"] = len(joined)
        row["window"] = f"{start.isoformat()} to {until.isoformat()}"
        row["states"] = [f"{name} ({day.isoformat()})" for day, name in joined]
    else:
        row["actual"] = status(ds, until).counts["party"]
        row["window"] = until.isoformat()
    if row["actual"] >= ind.target:
        row["verdict"] = "met"
    else:
        row["verdict"] = "not met" if on >= by else "open"
    return row


def changes(ds: Dataset, since: dt.date | None, on: dt.date) -> list[dict[str, str]]:
    """CCM events after ``since`` up to ``on``: deposits, signatures, withdrawals."""
    rows = []
    for s in ds.states.values():
        c = s.ccm
        events = []
        if c.signature:
            events.append((c.signature.date, "signature"))
        if c.consent:
            events.append((c.consent.date, c.consent.kind))
        if c.withdrawal:
            events.append((c.withdrawal.notified, "withdrawal notified"))
            events.append((c.withdrawal.effective, "withdrawal effective"))
        for day, what in events:
            if (since is None or day > since) and day <= on:
                rows.append(
                    {"date": day.isoformat(), "state": s.name, "iso3": s.iso3, "event": what}
                )
    return sorted(rows, key=lambda r: (r["date"], r["state"]))


def parties_over_time(ds: Dataset, meeting: m.Meeting, on: dt.date) -> list[dict[str, Any]]:
    """States Parties at the opening of every meeting up to this one (and on ``on``)."""
    points = [
        {
            "label": mt.id.upper(),
            "date": mt.start.isoformat(),
            "parties": status(ds, mt.start).counts["party"],
        }
        for mt in ds.meetings_in_order()
        if mt.start <= meeting.start and mt.start <= on
    ]
    if not points or points[-1]["date"] != on.isoformat():
        points.append(
            {
                "label": on.isoformat(),
                "date": on.isoformat(),
                "parties": status(ds, on).counts["party"],
            }
        )
    return points


def activities(ds: Dataset, plan: m.Plan, on: dt.date) -> tuple[list[dict[str, Any]], int]:
    """The plan's items and how many are left out: an action plan (DAP, LAP) lists only
    the items with something to report on ``on`` (a due date or a recorded status); a
    work plan lists every activity it commits to. A timeline entry that schedules an
    activity (``schedules``) is listed with it, once: the activity's row carries the
    entry's due date and status."""
    only = ["plan-item"]  # the other kinds carry no plan: not computed only to be left out
    dl = {d.item: d for d in deadlines(ds, on, plans=[plan.id], kinds=only, show_all=True)}
    ids = {x.id for x in plan.items}
    entries: dict[str, list[m.Item]] = {}
    for x in plan.items:
        if x.schedules in ids:
            entries.setdefault(str(x.schedules), []).append(x)
    rows = []
    untracked = 0
    for item in plan.items:
        if item.schedules in ids:
            continue  # listed with the activity it schedules
        group = [item, *entries.get(item.id, [])]
        seen = sorted(
            (st for x in group for st in x.status if st.date <= on), key=lambda st: st.date
        )
        dues = [dl[x.id] for x in group if x.id in dl]
        if not dues and not seen and plan.kind == "action-plan":
            untracked += 1
            continue
        d = max(dues, key=lambda x: x.due) if dues else None
        rows.append(
            {
                "id": item.id,
                "title": item.title,
                "due": d.due.isoformat() if d else "",
                "status": d.status if d else (seen[-1].status if seen else "no due date"),
                "note": seen[-1].note or "" if seen else "",
            }
        )
    return rows, untracked


def plan_context(ds: Dataset, plan: m.Plan, on: dt.date) -> dict[str, Any]:
    rows, untracked = activities(ds, plan, on)
    start, _ = plan_period(ds, plan)
    return {
        "id": plan.id,
        "title": plan.title,
        "kind": plan.kind,
        "start": start.isoformat() if start else None,
        "not_started": bool(start and on < start),
        "indicators": [evaluate(ds, i, on) for i in plan.indicators],
        "activities": rows,
        "untracked": untracked,
        "size": len(plan.items),
    }


SECTIONS: Registry[Section] = Registry("report section")
"""The report's sections, in the order the default template shows them."""
SECTIONS.add("summary", "Executive summary", executive_summary)  # first: the report opens with it


@SECTIONS.register("glance", "Status at a glance")
def glance(r: Request) -> dict[str, Any]:
    """Counts of States Parties, signatories, states not signed and withdrawn, overall
    and by M49 region, on the report's date."""
    st = status(r.ds, r.on, "region")
    return {
        "counts": dict(st.counts),
        "not_yet_in_force": [r.ds.state_name(iso3) for iso3 in st.not_yet_in_force],
        "before_entry_into_force": st.before_entry_into_force,
        "regions": [
            {"name": g["name"], **{k: g[k] for k in STATUSES}, "total": g["total"]}
            for g in st.groups
        ],
    }


@SECTIONS.register("changes", "Changes since the previous meeting")
def changes_since_previous(r: Request) -> dict[str, Any]:
    """Signatures, deposits and withdrawals since the previous meeting opened (for a
    Review Conference: since the previous one), up to the report's date or, when that
    is later, up to the end of the recorded treaty data; and the meetings in between."""
    since = r.previous.start if r.previous else None
    between = meetings_between(r.ds, r.previous, r.meeting)
    return {
        "changes": changes(r.ds, since, r.on),
        "period": {
            "from": since.isoformat() if since else None,
            "to": min(r.on, r.ds.current_to).isoformat() if r.ds.current_to else r.on.isoformat(),
            "meetings_between": [{"id": mt.id, "name": mt.name} for mt in between]
            if r.meeting.kind == "rc"
            else [],
        },
    }


@SECTIONS.register("chart", "States Parties over time")
def chart(r: Request) -> dict[str, Any]:
    """States Parties at the opening of every meeting up to this one."""
    return {"chart": parties_over_time(r.ds, r.meeting, r.on)}


@SECTIONS.register("plans", "Plans: expected outputs and activities")
def plans(r: Request) -> dict[str, Any]:
    """Each plan's indicators evaluated from the data, and its activities."""
    return {"plans": [plan_context(r.ds, p, r.on) for p in r.plans]}


@SECTIONS.register("targets", "Priority states not party, by region")
def priority_states(r: Request) -> dict[str, Any]:
    """The top states of each M49 region by target score, with their reasons."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    for t in targets(r.ds, r.on, per_region=r.per_region):
        by_region.setdefault(r.ds.region_name(t.state.region), []).append(
            {
                "name": t.state.name,
                "iso3": t.state.iso3,
                "status": t.status,
                "score": t.score,
                "unknown_points": t.unknown_points,
                "unknown": [CRITERIA[c].label for c in t.unknown_criteria],
                "tier": t.tier,
                "reasons": [CRITERIA[c].label for c in t.criteria],
            }
        )
    return {
        "targets": [{"region": k, "states": rows} for k, rows in sorted(by_region.items())],
        "per_region": r.per_region,
    }


@SECTIONS.register("survey", "Survey of states not party")
def survey_section(r: Request) -> dict[str, Any]:
    """The latest survey answer of each state not party: positions (with the states
    named) and reasons, from the same query as ``ccmctl survey``."""
    result = survey(r.ds, r.on, include_internal=r.include_internal)
    named: dict[str, list[str]] = {}
    for _, name, answer in result.states:
        named.setdefault(answer.position, []).append(name)
    return {
        "survey": {
            "answered": result.overall.answered,
            "positions": list(result.overall.positions.items()),
            "states": {k: sorted(v) for k, v in sorted(named.items())},
            "reasons": list(result.overall.reasons.items()),
            "left_out": result.left_out,
        }
    }


@SECTIONS.register("outreach", "Outreach since the previous meeting")
def outreach(r: Request) -> dict[str, Any]:
    """Engagements since the previous meeting, open next steps: public unless asked (counted)."""
    return report_outreach(r.ds, r.previous.start if r.previous else None, r.on, r.include_internal)


@SECTIONS.register("deadlines", "Deadlines overdue or due in the next 90 days")
def deadlines_due(r: Request) -> dict[str, Any]:
    """Plan activities and the Convention's deadlines overdue or due within 90 days."""
    dl = deadlines(r.ds, r.on, within=90, statuses=["overdue", "due-soon"])
    return {
        "deadlines": [
            {"due": d.due.isoformat(), "status": d.status, "title": d.title, "basis": d.basis}
            for d in dl
        ]
    }


def meeting_context(ds: Dataset, meeting: m.Meeting) -> dict[str, Any]:
    """The meeting itself: name, place, dates, presidency, parts."""
    president = None
    if meeting.president:
        pres = meeting.president
        president = ds.state_name(pres.state) + (f" ({pres.person})" if pres.person else "")
    return {
        "id": meeting.id,
        "name": meeting.name,
        "city": meeting.city,
        "country": ds.state_name(meeting.country),
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat(),
        "president": president,
        "parts": [
            {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "city": p.city or "",
                "note": p.note or "",
            }
            for p in meeting.parts
        ],
    }


def context(
    ds: Dataset,
    meeting: m.Meeting,
    on: dt.date,
    plan_ids: list[str] | None = None,
    per_region: int = 3,
    include_internal: bool = False,
) -> dict[str, Any]:
    """Everything the report template shows, as plain data: the meeting, the date,
    the display labels, and each section of :data:`SECTIONS`."""
    prev = previous_meeting(ds, meeting)
    chosen = [ds.plans[p] for p in plan_ids] if plan_ids else plans_for(ds, meeting)
    request = Request(ds, meeting, on, chosen, per_region, prev, include_internal)
    ctx: dict[str, Any] = {
        "meeting": meeting_context(ds, meeting),
        "as_of": on.isoformat(),
        "current_to": ds.current_to.isoformat() if ds.current_to else "",
        "beyond_data": bool(ds.current_to and on > ds.current_to),
        "previous": (
            {"id": prev.id, "name": prev.name, "start": prev.start.isoformat()} if prev else None
        ),
        "statuses": list(STATUSES),
        "labels": {"status": dict(STATUS_LABELS)},
        "sections": SECTIONS.ids(),
    }
    for entry in SECTIONS.entries():
        ctx.update(entry.function(request))
    return ctx
