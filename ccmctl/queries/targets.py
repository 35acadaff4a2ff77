"""``ccmctl targets``: which states not party to approach, ranked, and why.

The criteria themselves are in :mod:`.criteria`; this module scores and ranks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import ccm_status
from ..domain.verdict import Verdict
from .criteria import CRITERIA, Evidence, known_since


def dialogue_reasons(ds: Dataset, s: m.State, on: dt.date) -> list[str]:
    """2016-2017 concept note 3(c): producers and holders of stockpiles, with whom a
    structured dialogue is sought. A profile fact counts from the edition of the source
    that reports it (a Monitor profile is "as of" its edition): on an earlier date it is
    not known, and gives no reason."""
    reasons: list[str] = []
    p = s.profile
    if p is None:
        return reasons
    if p.production and p.production.status in ("current", "past"):
        if _known_by(ds, p.production.source, on):
            reasons.append(f"production: {p.production.status}")
    if p.stockpile and p.stockpile.status == "yes" and _known_by(ds, p.stockpile.source, on):
        reasons.append("holds stockpiles")
    return reasons


def _known_by(ds: Dataset, source: m.SourceRef | None, on: dt.date) -> bool:
    since = known_since(ds, source)
    return since is None or since.on_or_before(on) is Verdict.MET


@dataclass
class Target:
    """A state not party on the date, its criteria and score. ``evidence`` holds the
    criteria met; ``unknown`` those the data cannot decide on that date."""

    state: m.State
    status: str
    evidence: list[Evidence]
    score: int
    tier: str
    dialogue: list[str] = field(default_factory=list)
    unknown: list[Evidence] = field(default_factory=list)
    unknown_points: int = 0

    @property
    def criteria(self) -> list[str]:
        return [e.criterion for e in self.evidence]

    @property
    def unknown_criteria(self) -> list[str]:
        return [e.criterion for e in self.unknown]

    @property
    def score_text(self) -> str:
        """ "6", or "6, +3 unknown" when criteria worth 3 points cannot be decided."""
        return (
            f"{self.score}, +{self.unknown_points} unknown"
            if self.unknown_points
            else str(self.score)
        )


def latest_engagement(s: m.State, on: dt.date) -> m.Engagement | None:
    past = [e for e in s.outreach.engagements if e.date.known_by(on)]
    return max(past, key=lambda e: e.date.sort_key) if past else None


def latest_survey(s: m.State, on: dt.date) -> m.SurveyResponse | None:
    past = [r for r in s.outreach.survey if r.date <= on]
    return max(past, key=lambda r: r.date) if past else None


def assess(ds: Dataset, s: m.State, on: dt.date) -> Target | None:
    """A state's target row on ``on``; None if it is a State Party then. The score adds
    the weights of the criteria met; those the data cannot decide are counted apart."""
    status = ccm_status(s, on)
    if status == "party":
        return None
    weights = ds.target_weights()
    found = [e for c in CRITERIA.entries() if (e := c.function(ds, s, on)) is not None]
    met = [e for e in found if e.verdict is Verdict.MET]
    unknown = [e for e in found if e.verdict is Verdict.UNKNOWN]
    score = sum(weights.get(e.criterion, 0) for e in met)
    maybe = sum(weights.get(e.criterion, 0) for e in unknown)
    dialogue = dialogue_reasons(ds, s, on)
    tier = "dialogue" if dialogue else "outreach"
    return Target(s, status, met, score, tier, dialogue, unknown, maybe)


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
    """States not party on ``on``, ranked by score (ties by the points that are unknown,
    then by name: a state that may score more comes first).

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
    rows.sort(key=lambda t: (-t.score, -t.unknown_points, t.state.name))
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
        "unknown_points": t.unknown_points,
        "criteria": t.criteria,
        "unknown": t.unknown_criteria,
        "tier": t.tier,
        "dialogue": t.dialogue,
        "evidence": [_evidence_json(e) for e in t.evidence + t.unknown],
        "latest_engagement": (
            {"date": str(eng.date), "kind": eng.kind, "summary": eng.summary} if eng else None
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
            o.summary
            for o in s.outreach.obstacles
            if o.identified is not None and o.identified.known_by(on)
        ],
    }


def _evidence_json(e: Evidence) -> dict[str, object]:
    return {
        "criterion": e.criterion,
        "met": e.verdict.json,
        "fact": e.fact,
        "date": str(e.date) if e.date else None,
        "sources": list(e.sources),
    }
