"""``ccmctl targets``: which states not party to approach, ranked, and why.

The criteria themselves are in :mod:`.criteria`; this module scores and ranks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import ccm_status
from .criteria import CRITERIA, Evidence


def dialogue_reasons(s: m.State) -> list[str]:
    """2016-2017 concept note 3(c): producers and holders of stockpiles, with whom a
    structured dialogue is sought (profile as the Monitor reports it now)."""
    reasons: list[str] = []
    p = s.profile
    if p and p.production and p.production.status in ("current", "past"):
        reasons.append(f"production: {p.production.status}")
    if p and p.stockpile and p.stockpile.status == "yes":
        reasons.append("holds stockpiles")
    return reasons


@dataclass
class Target:
    state: m.State
    status: str
    evidence: list[Evidence]
    score: int
    tier: str
    dialogue: list[str] = field(default_factory=list)

    @property
    def criteria(self) -> list[str]:
        return [e.criterion for e in self.evidence]


def latest_engagement(s: m.State, on: dt.date) -> m.Engagement | None:
    past = [e for e in s.outreach.engagements if e.date <= on]
    return max(past, key=lambda e: e.date) if past else None


def latest_survey(s: m.State, on: dt.date) -> m.SurveyResponse | None:
    past = [r for r in s.outreach.survey if r.date <= on]
    return max(past, key=lambda r: r.date) if past else None


def assess(ds: Dataset, s: m.State, on: dt.date) -> Target | None:
    """A state's target row on ``on``; None if it is a State Party then."""
    status = ccm_status(s, on)
    if status == "party":
        return None
    weights = ds.info.target_weights if ds.info else {}
    evidence = [e for c in CRITERIA.entries() if (e := c.function(ds, s, on)) is not None]
    score = sum(weights.get(e.criterion, 0) for e in evidence)
    dialogue = dialogue_reasons(s)
    return Target(s, status, evidence, score, "dialogue" if dialogue else "outreach", dialogue)


class UnknownRegion(ValueError):
    pass


def targets(
    ds: Dataset,
    on: dt.date,
    *,
    regions: list[str] | None = None,
    criteria: list[str] | None = None,
    min_score: int = 0,
    per_region: int | None = None,
) -> list[Target]:
    """States not party on ``on``, ranked by score (ties by name).

    ``regions``: M49 slugs or named groups (any of them); ``criteria``: all must
    be met; ``per_region``: keep the top N of each M49 region."""
    for slug in regions or []:
        if slug not in ds.regions and slug not in ds.groups:
            raise UnknownRegion(slug)
    rows = []
    for s in ds.states.values():
        if regions and not any(ds.in_region(s, slug) for slug in regions):
            continue
        t = assess(ds, s, on)
        if t is None or t.score < min_score:
            continue
        if criteria and not set(criteria) <= set(t.criteria):
            continue
        rows.append(t)
    rows.sort(key=lambda t: (-t.score, t.state.name))
    if per_region:
        counts: dict[str, int] = {}
        kept = []
        for t in rows:
            n = counts.get(t.state.region, 0)
            if n < per_region:
                kept.append(t)
                counts[t.state.region] = n + 1
        rows = kept
    return rows


def as_row(ds: Dataset, t: Target, on: dt.date, rank: int) -> dict[str, object]:
    """A plain result row (JSON-ready)."""
    s = t.state
    eng = latest_engagement(s, on)
    survey = latest_survey(s, on)
    return {
        "rank": rank,
        "iso3": s.iso3,
        "name": s.name,
        "region": s.region,
        "subregion": s.subregion,
        "status": t.status,
        "score": t.score,
        "criteria": t.criteria,
        "tier": t.tier,
        "dialogue": t.dialogue,
        "evidence": [
            {"criterion": e.criterion, "fact": e.fact, "sources": list(e.sources)}
            for e in t.evidence
        ],
        "latest_engagement": (
            {"date": eng.date.isoformat(), "kind": eng.kind, "summary": eng.summary}
            if eng
            else None
        ),
        "survey": (
            {
                "date": survey.date.isoformat(),
                "position": survey.position,
                "reasons": list(survey.reasons),
            }
            if survey
            else None
        ),
        "obstacles": [
            o.summary for o in s.outreach.obstacles if o.identified is None or o.identified <= on
        ],
    }
