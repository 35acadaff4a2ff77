"""``ccmctl show``: everything about one state on a date, with the evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import TREATY_NAMES as TREATIES
from ..domain.treaty import ccm_status, in_force_for, status_on
from ..domain.verdict import Verdict
from ..schema.common import as_json
from .criteria import CRITERIA, adopted_on, commitment_date, known_since
from .targets import assess


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
    """A JSON-ready description of one state on ``on``: only what was recorded by then.

    Votes count from their resolution's adoption, commitments from their date (or the
    edition of their source), outreach from its date, profile facts from the edition
    of the source that reports them; a fact not known to be before ``on`` is left out
    (commitments: listed apart as "not known by then"). Undated notes are kept, and the
    document says they describe the record as of its last check, not ``on``."""
    target = assess(ds, s, on)
    found = {e.criterion: e for e in (target.evidence + target.unknown)} if target else {}
    weights = ds.target_weights()
    criteria = [
        {
            "id": c.id,
            "label": c.label,
            "met": found[c.id].verdict.json if c.id in found else False,
            "weight": weights.get(c.id, 0),
            "fact": found[c.id].fact if c.id in found else None,
            "sources": list(found[c.id].sources) if c.id in found else [],
        }
        for c in CRITERIA.entries()
    ]
    status = ccm_status(s, on)
    in_force = in_force_for(s, on)
    commitments, undecided = _commitments(ds, s, on)
    current_to = ds.current_to
    doc: dict[str, Any] = {
        "as_of": on.isoformat(),
        "iso3": s.iso3,
        "name": s.name,
        "un": s.un,
        "region": s.region,
        "subregion": s.subregion,
        "status": status,
        "in_force": in_force.isoformat() if in_force and in_force <= on else None,
        "enters_into_force": in_force.isoformat() if in_force and in_force > on else None,
        "treaties": {k: _participation(getattr(s, k), on) for k in TREATIES},
        "unga_votes": {
            str(y): v
            for y, v in sorted(s.unga_votes.items())
            if y in ds.resolutions and adopted_on(ds.resolutions[y]) <= on
        },
        "commitments": commitments,
        "commitments_not_known_by_then": undecided,
        "profile": _profile(ds, s, on),
        "outreach": _outreach(s, on),
        "target": None
        if target is None
        else {
            "score": target.score,
            "unknown_points": target.unknown_points,
            "tier": target.tier,
            "dialogue": target.dialogue,
            "criteria": criteria,
        },
        "notes": list(s.notes),
        "notes_undated": bool(s.notes) and current_to is not None and on < current_to,
        "current_to": current_to.isoformat() if current_to else None,
    }
    return doc


def _commitments(
    ds: Dataset, s: m.State, on: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The commitments known by ``on``, and those whose date does not tell."""
    known, undecided = [], []
    for c in s.commitments:
        row = as_json(c)
        when = commitment_date(ds, c)
        verdict = when.on_or_before(on) if when else Verdict.UNKNOWN
        if verdict is Verdict.MET:
            known.append(row)
        elif verdict is Verdict.UNKNOWN:
            undecided.append(row)
    return known, undecided


def _profile(ds: Dataset, s: m.State, on: dt.date) -> dict[str, Any] | None:
    """The cluster-munition profile facts whose source edition is on or before ``on``."""
    if s.profile is None:
        return None
    out: dict[str, Any] = {}
    for key, facet in s.profile:
        if facet is None:
            continue
        since = known_since(ds, facet.source)
        if since is None or since.on_or_before(on) is Verdict.MET:
            row = as_json(facet)
            if since is not None:
                row["as_of"] = str(since)
            out[key] = row
    return out or None


def _outreach(s: m.State, on: dt.date) -> dict[str, Any]:
    """Outreach records dated on or before ``on`` (undated obstacles are kept, marked)."""
    o = s.outreach
    doc: dict[str, Any] = {}
    dated, undated = o.coordinators_on(on)
    if dated or undated:
        doc["coordinators"] = dated + undated
    if undated:
        doc["coordinators_undated"] = undated  # no period recorded: true of the record, not of `on`
    rows = [as_json(e) for e in o.engagements if e.date.known_by(on)]
    if rows:
        doc["engagements"] = rows
    rows = [as_json(r) for r in o.survey if r.date <= on]
    if rows:
        doc["survey"] = rows
    rows = []
    for x in o.obstacles:
        if x.identified is None or x.identified.known_by(on):
            row = as_json(x)
            row["undated"] = x.identified is None
            rows.append(row)
    if rows:
        doc["obstacles"] = rows
    return doc
