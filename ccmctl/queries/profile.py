"""``ccmctl show``: everything about one state on a date, with the evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import TREATY_NAMES as TREATIES
from ..domain.treaty import ccm_status, in_force_for, status_on
from .criteria import CRITERIA
from .targets import assess, dialogue_reasons


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
            "id": c.id,
            "label": c.label,
            "met": c.id in met,
            "weight": weights.get(c.id, 0),
            "fact": met[c.id].fact if c.id in met else None,
            "sources": list(met[c.id].sources) if c.id in met else [],
        }
        for c in CRITERIA.entries()
    ]
    status = ccm_status(s, on)
    in_force = in_force_for(s, on)
    doc: dict[str, Any] = {
        "as_of": on.isoformat(),
        "iso3": s.iso3,
        "name": s.name,
        "un": s.un,
        "region": s.region,
        "subregion": s.subregion,
        "status": status,
        "in_force": in_force.isoformat() if in_force else None,
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
