"""``ccmctl report``: the context of a meeting's universalization progress report.

This module only computes; all prose is in ``templates/report.md.j2``. Every value
in the context is plain data (str, int, list, dict), so that a user's own template
runs in Jinja2's sandbox with nothing to reach.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from . import models as m
from .dataset import Dataset
from .deadlines import deadlines
from .status import status
from .targets import CRITERIA, targets
from .treaty import STATUS_LABELS, STATUSES, ccm_status

DEFAULT_TEMPLATE = "report.md.j2"
_HERE = Path(__file__).resolve().parent


def template_dir(data: Path | None = None) -> Path:
    """Where the default report template is read from, first found of:
    the data repository's own ``templates/`` (next to its ``data/``), so a
    repository can reword its reports; the copy an installed wheel ships in the
    package; the source tree's ``templates/``."""
    candidates = [data.resolve().parent / "templates"] if data is not None else []
    candidates += [_HERE / "templates", _HERE.parent / "templates"]
    for folder in candidates:
        if (folder / DEFAULT_TEMPLATE).is_file():
            return folder
    raise FileNotFoundError(
        f"{DEFAULT_TEMPLATE} not found in " + ", ".join(str(c) for c in candidates)
    )


def default_as_of(ds: Dataset, meeting: m.Meeting, today: dt.date) -> dt.date:
    """The meeting's opening day when it is past, else today."""
    return meeting.start if meeting.start <= today else today


def plan_period(ds: Dataset, plan: m.Plan) -> tuple[dt.date | None, dt.date | None]:
    start = plan.start or (
        ds.meetings[plan.adopted_at].end if plan.adopted_at in ds.meetings else None
    )
    end = plan.end or (ds.meetings[plan.up_to].start if plan.up_to in ds.meetings else None)
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
    earlier = [mt for mt in ds.meetings_in_order() if mt.start < meeting.start]
    return earlier[-1] if earlier else None


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
    work plan lists every activity it commits to."""
    dl = {d.item: d for d in deadlines(ds, on, plans=[plan.id])}
    rows = []
    untracked = 0
    for item in plan.items:
        seen = [st for st in item.status if st.date <= on]
        d = dl.get(item.id)
        if d is None and not seen and plan.kind == "action-plan":
            untracked += 1
            continue
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
    return {
        "id": plan.id,
        "title": plan.title,
        "kind": plan.kind,
        "indicators": [evaluate(ds, i, on) for i in plan.indicators],
        "activities": rows,
        "untracked": untracked,
        "size": len(plan.items),
    }


def context(
    ds: Dataset,
    meeting: m.Meeting,
    on: dt.date,
    plan_ids: list[str] | None = None,
    per_region: int = 3,
) -> dict[str, Any]:
    """Everything the report template shows, as plain data."""
    plans = [ds.plans[p] for p in plan_ids] if plan_ids else plans_for(ds, meeting)
    st = status(ds, on, "region")
    prev = previous_meeting(ds, meeting)
    top = targets(ds, on, per_region=per_region)
    by_region: dict[str, list[dict[str, Any]]] = {}
    for t in top:
        by_region.setdefault(ds.region_name(t.state.region), []).append(
            {
                "name": t.state.name,
                "iso3": t.state.iso3,
                "status": STATUS_LABELS[t.status],
                "score": t.score,
                "tier": t.tier,
                "reasons": [CRITERIA[c][1] for c in t.criteria],
            }
        )
    positions: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    answered = 0
    for s in ds.states.values():
        past = [r for r in s.outreach.survey if r.date <= on]
        if past and ccm_status(s, on) != "party":
            answered += 1
            latest = max(past, key=lambda r: r.date)
            positions[latest.position] += 1
            reasons.update(latest.reasons)
    dl = deadlines(ds, on, within=90, statuses=["overdue", "due-soon"])
    president = None
    if meeting.president:
        pres = meeting.president
        name = ds.states[pres.state].name if pres.state in ds.states else pres.state
        president = f"{name}" + (f" ({pres.person})" if pres.person else "")
    return {
        "meeting": {
            "id": meeting.id,
            "name": meeting.name,
            "city": meeting.city,
            "country": ds.states[meeting.country].name
            if meeting.country in ds.states
            else meeting.country,
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
        },
        "as_of": on.isoformat(),
        "current_to": ds.info.current_to.isoformat() if ds.info else "",
        "previous": (
            {"id": prev.id, "name": prev.name, "start": prev.start.isoformat()} if prev else None
        ),
        "counts": {STATUS_LABELS[k]: st.counts[k] for k in STATUSES},
        "regions": [
            {"name": g["name"], **{STATUS_LABELS[k]: g[k] for k in STATUSES}, "total": g["total"]}
            for g in st.groups
        ],
        "changes": changes(ds, prev.start if prev else None, on),
        "plans": [plan_context(ds, p, on) for p in plans],
        "targets": [{"region": r, "states": rows} for r, rows in sorted(by_region.items())],
        "per_region": per_region,
        "survey": {
            "answered": answered,
            "positions": sorted(positions.items()),
            "reasons": sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])),
        },
        "deadlines": [
            {"due": d.due.isoformat(), "status": d.status, "title": d.title, "basis": d.basis}
            for d in dl
        ],
        "chart": parties_over_time(ds, meeting, on),
    }


def render(ctx: dict[str, Any], template: Path | None = None, data: Path | None = None) -> str:
    """Render the report with StrictUndefined, in Jinja2's sandbox: ``template``, else
    the default template found by :func:`template_dir` from the data directory."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from .output import md_escape

    if template is not None:
        folder, name = template.parent, template.name
    else:
        folder, name = template_dir(data), DEFAULT_TEMPLATE
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda v: md_escape("" if v is None else str(v))
    env.filters["text"] = lambda v: md_escape(" ".join(str(v).split()))
    env.filters["mermaid"] = lambda v: str(v).replace('"', "'")
    return env.get_template(name).render(**ctx)
