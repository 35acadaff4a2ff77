"""``ccmctl show STATE --format markdown|html|docx``: the one-page country brief.

Built on :func:`ccmctl.queries.profile.profile` (what was recorded by the date), laid out
for a coordinator going into a bilateral meeting: status and treaty participation, votes
over time, commitments, profile, outreach history, open next steps, obstacles and proposed
solutions, why the state is a target, and every source as a numbered footnote. Plain data
only (the templates in ``templates/brief.*.j2`` hold the prose). Internal outreach records
(``visibility: internal``, the default) are left out unless asked for, and counted.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema as m
from ..domain.treaty import STATUS_LABELS
from ..domain.treaty import TREATY_NAMES as TREATIES
from ..domain.written import iso_day_text as _date_text
from .profile import profile

if TYPE_CHECKING:
    from ..dataset import Dataset

FACETS = {
    "stockpile": "Stockpile",
    "production": "Production",
    "use": "Use",
    "contamination": "Contamination",
}
EVENTS = {
    "withdrawal notified": "withdrawal notified",
    "withdrawal effective": "withdrawal took effect",
}


class Footnotes:
    """Source ids numbered in order of first citation."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.order: list[str] = []

    def refs(self, ids: object) -> list[int]:
        if ids is None:
            return []
        out = []
        for sid in [ids] if isinstance(ids, str) else list(ids):  # type: ignore[call-overload]
            if sid not in self.order:
                self.order.append(sid)
            out.append(self.order.index(sid) + 1)
        return out

    def table(self) -> list[dict[str, Any]]:
        rows = []
        for n, sid in enumerate(self.order, 1):
            src = self.ds.sources.get(sid)
            rows.append(
                {
                    "n": n,
                    "id": sid,
                    "title": src.title if src else sid,
                    "publisher": (src.publisher or "") if src else "",
                    "url": (src.url or "") if src else "",
                    "as_at": str(src.as_at) if src and src.as_at is not None else "",
                }
            )
        return rows


def _actor(ds: Dataset, ref: str) -> str:
    if ref in ds.states:
        return ds.state_name(ref)
    if ref in ds.bodies:
        return ds.bodies[ref].name
    return ref


def _public(row: dict[str, Any], include_internal: bool) -> bool:
    return include_internal or row.get("visibility", "internal") == "public"


def brief(ds: Dataset, s: m.State, on: dt.date, include_internal: bool = False) -> dict[str, Any]:
    """The brief's context: one state on ``on``, every source a footnote."""
    doc = profile(ds, s, on)
    fn = Footnotes(ds)
    treaties: list[dict[str, Any]] = []
    for key, name in TREATIES.items():
        t = doc["treaties"].get(key)
        if t is None:
            treaties.append({"key": key, "name": name, "status": "", "events": [], "note": ""})
            continue
        treaties.append(
            {
                "key": key,
                "name": name,
                "status": STATUS_LABELS.get(t["status"], t["status"]),
                "events": [
                    {
                        "event": EVENTS.get(e["event"], e["event"]),
                        "date": e["date"],
                        "date_text": _date_text(e["date"]),
                        "refs": fn.refs(e.get("sources")),
                    }
                    for e in t["events"]
                ],
                "note": t.get("note") or "",
            }
        )
    votes = []
    for year in sorted(ds.resolutions):
        res = ds.resolutions[year]
        adopted = res.adopted or dt.date(year, 12, 31)
        if adopted > on:
            continue
        vote = doc["unga_votes"].get(str(year))
        votes.append(
            {
                "year": year,
                "symbol": res.symbol or "",
                "vote": vote or ("not recorded" if res.per_state else "per-state votes not found"),
                "recorded": vote is not None,
                "refs": fn.refs(_vote_source(res)) if vote else [],
            }
        )
    latest = sorted(doc["commitments"], key=lambda c: str(c.get("date") or ""), reverse=True)
    commitments = [
        {
            "kind": str(c["kind"]).replace("_", " "),
            "when": _date_text(c.get("date")) or "undated",
            "summary": c["summary"],
            "refs": fn.refs(c.get("source")),
        }
        for c in latest[:MAX_COMMITMENTS]
    ]
    earlier_commitments = max(0, len(latest) - MAX_COMMITMENTS)
    facets = []
    for key, label in FACETS.items():
        f = (doc["profile"] or {}).get(key)
        if f:
            facets.append(
                {
                    "facet": label,
                    "status": f["status"],
                    "note": _short(f.get("note") or ""),
                    "as_of": f.get("as_of") or "",
                    "refs": fn.refs(f.get("source")),
                }
            )
    out = doc["outreach"]
    left_out = 0

    def keep(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal left_out
        kept = [r for r in rows if _public(r, include_internal)]
        left_out += len(rows) - len(kept)
        return kept

    engagements = keep(out.get("engagements", []))
    followed = {e.get("follows") for e in engagements if e.get("follows")}
    history = [
        {
            "date": e["date"],
            "date_text": _date_text(e["date"]),
            "kind": str(e["kind"]).replace("-", " "),
            "by": [_actor(ds, a) for a in e.get("by", [])],
            "summary": e["summary"],
            "outcome": e.get("outcome") or "",
            "refs": fn.refs(e.get("source")),
        }
        for e in sorted(engagements, key=lambda e: e["date"])
    ]
    next_steps = [
        {
            "step": e["next_step"],
            "due": e.get("next_due") or "",
            "due_text": _date_text(e.get("next_due")),
            "from": _date_text(e["date"]),
        }
        for e in sorted(engagements, key=lambda e: (e.get("next_due") or "9999", e["date"]))
        if e.get("next_step") and (e.get("id") is None or e.get("id") not in followed)
    ]
    survey = [
        {
            "date_text": _date_text(r["date"]),
            "position": str(r["position"]).replace("-", " "),
            "reasons": [str(x).replace("-", " ") for x in r.get("reasons", [])],
            "note": r.get("note") or "",
            "refs": fn.refs(r.get("source")),
        }
        for r in keep(out.get("survey", []))
    ]
    obstacles = [
        {
            "summary": x["summary"],
            "identified_text": _date_text(x.get("identified")),
            "solution": x.get("solution") or "",
            "refs": fn.refs(x.get("source")),
        }
        for x in keep(out.get("obstacles", []))
    ]
    target = doc["target"]
    why = None
    if target:
        why = {
            "score": target["score"],
            "tier": target["tier"],
            "dialogue": list(target.get("dialogue") or []),
            "reasons": [
                {"label": c["label"], "fact": c["fact"] or "", "refs": fn.refs(c["sources"])}
                for c in target["criteria"]
                if c["met"] is True
            ],
        }
    in_force = doc.get("in_force")
    return {
        "as_of": doc["as_of"],
        "as_of_text": _date_text(doc["as_of"]),
        "current_to": doc.get("current_to") or "",
        "current_to_text": _date_text(doc.get("current_to")),
        "state": {
            "iso3": s.iso3,
            "name": s.name,
            "un": s.un,
            "region": ds.region_name(s.region),
            "subregion": ds.region_name(s.subregion),
        },
        "status": doc["status"],
        "status_label": STATUS_LABELS[doc["status"]],
        "in_force_text": _date_text(in_force) if in_force else "",
        "treaties": treaties,
        "votes": votes,
        "commitments": commitments,
        "earlier_commitments": earlier_commitments,
        "profile": facets,
        "coordinators": [_actor(ds, a) for a in out.get("coordinators", [])],
        "engagements": history,
        "next_steps": next_steps,
        "survey": survey,
        "obstacles": obstacles,
        "target": why,
        "internal_left_out": left_out,
        "include_internal": include_internal,
        "notes": [_short(n) for n in list(doc.get("notes") or [])[:MAX_NOTES]],
        "more_notes": max(0, len(doc.get("notes") or []) - MAX_NOTES),
        "sources": fn.table(),
        "labels": {"status": dict(STATUS_LABELS)},
    }


PER_STATE_SOURCES = ("undl-vote-", "voeten-", "visionscarto-")
"""Sources that record each state's vote (the others give the tally or the text)."""


def _vote_source(res: m.Resolution) -> list[str]:
    """The source of a state's vote in a year: the per-state record, else every source of
    the resolution (one footnote per vote keeps a brief on its page)."""
    ids = m.source_ids(res.source)
    per_state = [sid for sid in ids if sid.startswith(PER_STATE_SOURCES)]
    return per_state or ids


MAX_COMMITMENTS = 4
"""A brief is one page: the latest commitments, and how many earlier ones `show` lists."""
MAX_NOTES = 2
MAX_NOTE = 220


def _short(text: str) -> str:
    """A long note cut at a word, marked: the whole is in `ccmctl show`."""
    if len(text) <= MAX_NOTE:
        return text
    return text[:MAX_NOTE].rsplit(" ", 1)[0] + " …"
