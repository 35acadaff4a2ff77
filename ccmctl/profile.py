"""``ccmctl show``: everything about one state on a date, with the evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import models as m
from .dataset import Dataset
from .targets import CRITERIA, assess, dialogue_reasons
from .treaty import STATUS_LABELS, ccm_status, entry_into_force, status_on

TREATIES = {
    "ccm": "Convention on Cluster Munitions",
    "apmbc": "Mine Ban Convention",
    "ccw": "CCW",
    "ccw_apii": "CCW Amended Protocol II",
    "ccw_pv": "CCW Protocol V",
}


def find_state(ds: Dataset, query: str) -> m.State:
    """A state by ISO alpha-3 code, exact name, or a unique part of its name."""
    q = query.strip()
    if q.upper() in ds.states:
        return ds.states[q.upper()]
    low = q.lower()
    exact = [s for s in ds.states.values() if s.name.lower() == low]
    if exact:
        return exact[0]
    partial = sorted((s for s in ds.states.values() if low in s.name.lower()), key=lambda s: s.name)
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(f"{s.name} ({s.iso3})" for s in partial[:8])
        raise LookupError(f"{query!r} matches several states: {names}")
    raise LookupError(f"no state matches {query!r}; use an ISO alpha-3 code such as IDN")


def _participation(part: m.Participation | None, on: dt.date) -> dict[str, Any] | None:
    if part is None:
        return None
    events = []
    if part.signature:
        events.append(
            {
                "event": "signature",
                "date": part.signature.date.isoformat(),
                "sources": m.source_ids(part.signature.source),
            }
        )
    if part.consent:
        events.append(
            {
                "event": part.consent.kind,
                "date": part.consent.date.isoformat(),
                "sources": m.source_ids(part.consent.source),
            }
        )
    if part.withdrawal:
        w = part.withdrawal
        events.append(
            {
                "event": "withdrawal notified",
                "date": w.notified.isoformat(),
                "sources": m.source_ids(w.source),
            }
        )
        events.append(
            {
                "event": "withdrawal effective",
                "date": w.effective.isoformat(),
                "sources": m.source_ids(w.source),
            }
        )
    return {
        "status": status_on(part, on),
        "events": [e for e in events if str(e["date"]) <= on.isoformat()],
        "note": part.note,
    }


def profile(ds: Dataset, s: m.State, on: dt.date) -> dict[str, Any]:
    """A JSON-ready description of one state on ``on``."""
    target = assess(ds, s, on)
    met = {e.criterion: e for e in target.evidence} if target else {}
    weights = ds.info.target_weights if ds.info else {}
    criteria = [
        {
            "id": cid,
            "label": label,
            "met": cid in met,
            "weight": weights.get(cid, 0),
            "fact": met[cid].fact if cid in met else None,
            "sources": list(met[cid].sources) if cid in met else [],
        }
        for cid, (_, label) in CRITERIA.items()
    ]
    status = ccm_status(s, on)
    doc: dict[str, Any] = {
        "as_of": on.isoformat(),
        "iso3": s.iso3,
        "name": s.name,
        "un": s.un,
        "region": s.region,
        "subregion": s.subregion,
        "status": status,
        "in_force": (
            entry_into_force(s.ccm.consent.date).isoformat()
            if status == "party" and s.ccm.consent
            else None
        ),
        "treaties": {k: _participation(getattr(s, k), on) for k in TREATIES},
        "unga_votes": {str(y): v for y, v in sorted(s.unga_votes.items())},
        "commitments": [c.model_dump(mode="json", exclude_none=True) for c in s.commitments],
        "profile": s.profile.model_dump(mode="json", exclude_none=True) if s.profile else None,
        "outreach": s.outreach.model_dump(mode="json", exclude_none=True),
        "target": None
        if target is None
        else {
            "score": target.score,
            "tier": target.tier,
            "dialogue": dialogue_reasons(s),
            "criteria": criteria,
        },
        "notes": list(s.notes),
    }
    return doc


def profile_text(doc: dict[str, Any]) -> str:
    """Plain-text rendering of :func:`profile`."""
    out = [
        f"{doc['name']} ({doc['iso3']}), {doc['subregion']}, as of {doc['as_of']}",
        f"CCM: {STATUS_LABELS[doc['status']]}"
        + (f", in force since {doc['in_force']}" if doc["in_force"] else ""),
        "",
    ]
    out.append("Treaties:")
    for key, label in TREATIES.items():
        t = doc["treaties"][key]
        if t is None:
            out.append(f"  {label}: not recorded")
            continue
        events = "; ".join(f"{e['event']} {e['date']}" for e in t["events"]) or "no action"
        out.append(f"  {label}: {STATUS_LABELS[t['status']]} ({events})")
    if doc["unga_votes"]:
        out.append("UNGA votes: " + ", ".join(f"{y} {v}" for y, v in doc["unga_votes"].items()))
    if doc["profile"]:
        out.append("Profile: " + "; ".join(f"{k} {v['status']}" for k, v in doc["profile"].items()))
    if doc["commitments"]:
        out.append("Commitments:")
        for c in doc["commitments"]:
            when = c.get("date") or c.get("year") or "undated"
            out.append(f"  - {c['kind']} ({when}): {c['summary']}")
    o = doc["outreach"]
    if o.get("engagements"):
        out.append("Engagements:")
        out += [f"  - {e['date']} {e['kind']}: {e['summary']}" for e in o["engagements"]]
    if o.get("survey"):
        out.append("Survey:")
        out += [
            f"  - {r['date']} {r['position']}: {', '.join(r.get('reasons', []))}"
            for r in o["survey"]
        ]
    if o.get("obstacles"):
        out.append("Obstacles:")
        out += [f"  - {x['summary']}" for x in o["obstacles"]]
    t = doc["target"]
    if t:
        out += [
            "",
            f"Target score {t['score']} (tier {t['tier']}"
            + (": " + ", ".join(t["dialogue"]) if t["dialogue"] else "")
            + ")",
        ]
        for c in t["criteria"]:
            mark = "x" if c["met"] else " "
            fact = f": {c['fact']} [{', '.join(c['sources'])}]" if c["met"] else ""
            out.append(f"  [{mark}] {c['id']} (+{c['weight']}){fact}")
    if doc["notes"]:
        out += ["", "Notes:"] + [f"  - {n}" for n in doc["notes"]]
    return "\n".join(out) + "\n"
