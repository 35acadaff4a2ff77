"""Plain-text rendering of a state's profile (``ccmctl show``)."""

from __future__ import annotations

from typing import Any

from ..domain.treaty import STATUS_LABELS
from ..domain.treaty import TREATY_NAMES as TREATIES
from .cells import safe_terminal


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
    return safe_terminal("\n".join(out) + "\n")  # data is never a terminal command
