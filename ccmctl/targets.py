"""``ccmctl targets``: which states not party to approach, and why.

Each criterion is one function ``(dataset, state, on) -> Evidence | None``, citing
the plan it comes from. To add one: write the function, add it to ``CRITERIA``,
give it a weight in ``data/dataset.yaml`` (``target_weights``), add a test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from . import models as m
from .dataset import Dataset
from .treaty import ccm_status, is_party


@dataclass(frozen=True)
class Evidence:
    """Why a criterion is met: the fact, and the sources that state it."""

    criterion: str
    fact: str
    sources: tuple[str, ...] = ()


Criterion = Callable[[Dataset, m.State, dt.date], Evidence | None]


def _evidence(criterion: str, fact: str, source: m.SourceRef | None) -> Evidence:
    return Evidence(criterion, fact, tuple(m.source_ids(source)))


def signed_not_ratified(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """2023-2024 work plan, target states (1): signatories that have yet to complete
    ratification."""
    if ccm_status(s, on) == "signatory" and s.ccm.signature:
        return _evidence(
            "signatory",
            f"signed the CCM on {s.ccm.signature.date}, not ratified",
            s.ccm.signature.source,
        )
    return None


def withdrew(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """A state whose withdrawal took effect (Art. 20) is a state not party again."""
    if ccm_status(s, on) == "withdrawn" and s.ccm.withdrawal:
        w = s.ccm.withdrawal
        return _evidence(
            "withdrawn", f"withdrew from the CCM with effect from {w.effective}", w.source
        )
    return None


def _party_to(key: str, criterion: str, label: str) -> Criterion:
    def check(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
        part = getattr(s, key)
        if is_party(part, on) and part.consent:
            return _evidence(
                criterion, f"party to {label} since {part.consent.date}", part.consent.source
            )
        return None

    return check


apmbc_party = _party_to("apmbc", "apmbc-party", "the Mine Ban Convention")
apmbc_party.__doc__ = """2023-2024 work plan, target states (2): parties to the
Anti-Personnel Mine Ban Convention not yet in the CCM."""
ccw_apii_party = _party_to("ccw_apii", "ccw-apii", "CCW Amended Protocol II")
ccw_apii_party.__doc__ = """2023-2024 work plan, target states (3): CCW Amended Protocol II."""
ccw_pv_party = _party_to("ccw_pv", "ccw-pv", "CCW Protocol V")
ccw_pv_party.__doc__ = """2023-2024 work plan, target states (3): CCW Protocol V."""


def vote_years(ds: Dataset, on: dt.date) -> list[int]:
    """Years whose resolution was adopted on or before ``on``, newest first, whether or
    not its per-state votes are recorded (a resolution whose day is unknown counts as
    adopted by the end of its year)."""
    return sorted(
        (y for y, r in ds.resolutions.items() if (r.adopted or dt.date(y, 12, 31)) <= on),
        reverse=True,
    )


def voted_yes_latest(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """2023-2024 work plan, target states (4): voted in favour of the UNGA resolution
    "Implementation of the Convention on Cluster Munitions" (the latest adopted on the
    date; no evidence when that year's per-state votes are not recorded)."""
    years = vote_years(ds, on)
    if not years:
        return None
    r = ds.resolutions[years[0]]
    if r.per_state and s.unga_votes.get(years[0]) == "yes":
        return _evidence(
            "unga-yes", f"voted yes on {r.symbol or 'the resolution'} ({years[0]})", r.source
        )
    return None


CONSISTENT_YEARS = 3


def voted_yes_consistently(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """Consistency variant of criterion (4): yes on each of the last three resolutions
    adopted on the date, all with per-state votes recorded."""
    years = vote_years(ds, on)[:CONSISTENT_YEARS]
    if len(years) < CONSISTENT_YEARS or not all(ds.resolutions[y].per_state for y in years):
        return None
    if all(s.unga_votes.get(y) == "yes" for y in years):
        sources = [sid for y in years for sid in m.source_ids(ds.resolutions[y].source)]
        return _evidence(
            "unga-yes-consistent", f"voted yes every year {years[-1]}-{years[0]}", sources
        )
    return None


def _commitment_on(c: m.Commitment, on: dt.date) -> bool:
    if c.date is not None:
        return c.date <= on
    if c.year is not None:
        return c.year < on.year
    return True


def _commitment(criterion: str, kinds: tuple[str, ...]) -> Criterion:
    def check(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
        found = [c for c in s.commitments if c.kind in kinds and _commitment_on(c, on)]
        if not found:
            return None
        c = found[-1]
        when = c.date or c.year or "undated"
        return _evidence(criterion, f"{c.summary} ({when})", c.source)

    return check


declared_support = _commitment("declaration", ("declaration",))
declared_support.__doc__ = """2023-2024 work plan, target states (5): unilateral
declarations in support of the Convention's norms."""
voluntary_report = _commitment("voluntary-report", ("voluntary_report",))
voluntary_report.__doc__ = """Target states (5): voluntarily submitted transparency reports."""
interim_steps = _commitment("interim-steps", ("moratorium", "interim_step"))
interim_steps.__doc__ = """Target states (5) and the 2016-2017 concept note 3(c): moratoria on
use, production or export, stockpile destruction and other interim steps."""

CRITERIA: dict[str, tuple[Criterion, str]] = {
    "signatory": (signed_not_ratified, "signatory that has not ratified"),
    "withdrawn": (withdrew, "former State Party that withdrew"),
    "apmbc-party": (apmbc_party, "party to the Mine Ban Convention"),
    "ccw-apii": (ccw_apii_party, "party to CCW Amended Protocol II"),
    "ccw-pv": (ccw_pv_party, "party to CCW Protocol V"),
    "unga-yes": (voted_yes_latest, "voted yes on the latest UNGA CCM resolution"),
    "unga-yes-consistent": (voted_yes_consistently, "voted yes in each of the last 3 years"),
    "declaration": (declared_support, "declared support for the norms"),
    "voluntary-report": (voluntary_report, "submitted a voluntary transparency report"),
    "interim-steps": (interim_steps, "moratorium or other interim step"),
}


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
    evidence = [e for fn, _ in CRITERIA.values() if (e := fn(ds, s, on)) is not None]
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
