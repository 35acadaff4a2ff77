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
        "CCM: " + _ccm_line(doc),
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
        facts = [
            f"{k} {v['status']}" + (f" (as of {v['as_of']})" if v.get("as_of") else "")
            for k, v in doc["profile"].items()
        ]
        out.append("Profile: " + "; ".join(facts))
    if doc["commitments"]:
        out.append("Commitments:")
        out += [_commitment(c) for c in doc["commitments"]]
    if doc.get("commitments_not_known_by_then"):
        out.append(f"Commitments not known to be before {doc['as_of']}:")
        out += [_commitment(c) for c in doc["commitments_not_known_by_then"]]
    o = doc["outreach"]
    if o.get("engagements"):
        out.append("Engagements:")
        out += [_engagement(e) for e in o["engagements"]]
    if o.get("survey"):
        out.append("Survey:")
        out += [
            f"  - {r['date']} {r['position']}: {', '.join(r.get('reasons', []))}" + _internal(r)
            for r in o["survey"]
        ]
    if o.get("obstacles"):
        out.append("Obstacles:")
        out += [
            f"  - {x['summary']}" + (" (undated)" if x.get("undated") else "") + _internal(x)
            for x in o["obstacles"]
        ]
    t = doc["target"]
    if t:
        out += [
            "",
            f"Target score {_score(t)} (tier {t['tier']}"
            + (": " + ", ".join(t["dialogue"]) if t["dialogue"] else "")
            + ")",
        ]
        for c in t["criteria"]:
            mark = {True: "x", False: " ", None: "?"}[c["met"]]
            fact = f": {c['fact']}" if c["met"] is not False else ""
            if c["met"] is not False and c["sources"]:
                fact += f" [{', '.join(c['sources'])}]"
            out.append(f"  [{mark}] {c['id']} (+{c['weight']}){fact}")
    if doc["notes"]:
        head = "Notes:"
        if doc.get("notes_undated"):
            head = (
                f"Notes (undated: they describe the record as last checked, up to "
                f"{doc['current_to']}, not {doc['as_of']}):"
            )
        out += ["", head] + [f"  - {n}" for n in doc["notes"]]
    return safe_terminal("\n".join(out) + "\n")  # data is never a terminal command


def _ccm_line(doc: dict[str, Any]) -> str:
    """The state's CCM standing: deposited but not yet in force is said as such (Art. 17)."""
    if doc.get("enters_into_force"):
        return f"deposited, not yet in force (enters into force {doc['enters_into_force']})"
    label = STATUS_LABELS[doc["status"]]
    return label + (f", in force since {doc['in_force']}" if doc["in_force"] else "")


def _score(t: dict[str, Any]) -> str:
    unknown = t.get("unknown_points") or 0
    return f"{t['score']}, +{unknown} unknown" if unknown else str(t["score"])


def _commitment(c: dict[str, Any]) -> str:
    when = c.get("date") or "undated"
    return f"  - {c['kind']} ({when}): {c['summary']}"


def _internal(row: dict[str, Any]) -> str:
    """Marks a users' record that is not to be circulated (internal unless it says public)."""
    return "" if row.get("visibility") == "public" else " [internal]"


def _engagement(e: dict[str, Any]) -> str:
    """One engagement: date, kind, by whom, what, outcome, next step and its due day, id."""
    line = f"  - {e['date']} {e['kind']}"
    if e.get("by"):
        line += f" ({', '.join(e['by'])})"
    line += f": {e['summary']}"
    if e.get("outcome"):
        line += f" Outcome: {e['outcome']}"
    if e.get("next_step"):
        due = f" (due {e['next_due']})" if e.get("next_due") else ""
        line += f" Next: {e['next_step']}{due}"
    if e.get("id"):
        line += f" [{e['id']}]"
    return line + _internal(e)
