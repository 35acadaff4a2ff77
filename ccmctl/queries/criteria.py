"""The target criteria: why a state not party is worth approaching.

Each criterion is one function ``(dataset, state, on) -> Evidence | None`` with a
docstring citing the plan it comes from, registered in :data:`CRITERIA` with its id
and label. ``None`` means "not met, on the facts recorded"; an :class:`Evidence` is
either met (the fact, its date and sources) or unknown (the fact that would decide it
is not recorded for that date: the reason is its ``fact``). An unknown is never a no.

Evidence dated before the state's latest change of CCM status (its withdrawal) does
not count: what a state did on its way into the Convention says nothing of it after it
left. ``evidence_max_age_years`` in ``data/dataset.yaml`` (off by default) ages out
older dated evidence. To add one: write the function, register it, give it a weight in
``data/dataset.yaml`` (``target_weights``; ``validate`` warns while it has none), add a
test in ``tests/test_targets.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .. import schema as m
from ..dataset import Dataset
from ..domain.dates import PartialDate
from ..domain.treaty import ccm_status, is_party
from ..domain.verdict import Verdict
from .registry import Registry


@dataclass(frozen=True)
class Evidence:
    """Why a criterion is met, or why it cannot be told: the fact, when it happened (None
    for a standing status such as being party to a treaty), and the sources stating it."""

    criterion: str
    fact: str
    sources: tuple[str, ...] = ()
    verdict: Verdict = Verdict.MET
    date: PartialDate | None = None


Criterion = Callable[[Dataset, m.State, dt.date], Evidence | None]
CRITERIA: Registry[Criterion] = Registry("target criterion")
"""The target criteria, in the order tables and help list them."""


def _evidence(
    criterion: str,
    fact: str,
    source: m.SourceRef | list[str] | None,
    date: PartialDate | dt.date | None = None,
) -> Evidence:
    when = PartialDate.parse(date) if isinstance(date, dt.date) else date
    ids = source if isinstance(source, list) else m.source_ids(source)
    return Evidence(criterion, fact, tuple(ids), Verdict.MET, when)


def _unknown(criterion: str, why: str, source: m.SourceRef | list[str] | None = None) -> Evidence:
    ids = source if isinstance(source, list) else m.source_ids(source)
    return Evidence(criterion, why, tuple(ids), Verdict.UNKNOWN)


def counts_from(ds: Dataset, s: m.State, on: dt.date) -> dt.date | None:
    """The first day from which dated evidence counts toward targeting ``s`` on ``on``:
    the day its withdrawal took effect (Art. 20) if it withdrew, and no earlier than the
    optional maximum age of ``data/dataset.yaml``; None when all dated evidence counts."""
    days: list[dt.date] = []
    w = s.ccm.withdrawal
    if w is not None and w.effective <= on:
        days.append(w.effective)
    age = ds.info.evidence_max_age_years if ds.info else None
    if age:
        days.append(on.replace(year=on.year - age) if on.year > age else dt.date.min)
    return max(days) if days else None


def _counts(date: PartialDate, start: dt.date | None) -> bool:
    """Dated evidence counts when it is not (certainly or possibly) before ``start``."""
    return start is None or date.first_day >= start


@CRITERIA.register("signatory", "signatory that has not ratified")
def signed_not_ratified(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """2023-2024 work plan, target states (1): signatories that have yet to complete
    ratification."""
    if ccm_status(s, on) == "signatory" and s.ccm.signature:
        return _evidence(
            "signatory",
            f"signed the CCM on {s.ccm.signature.date}, not ratified",
            s.ccm.signature.source,
            s.ccm.signature.date,
        )
    return None


@CRITERIA.register("withdrawn", "former State Party that withdrew")
def withdrew(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """A state whose withdrawal took effect (Art. 20) is a state not party again."""
    if ccm_status(s, on) == "withdrawn" and s.ccm.withdrawal:
        w = s.ccm.withdrawal
        return _evidence(
            "withdrawn",
            f"withdrew from the CCM with effect from {w.effective}",
            w.source,
            w.effective,
        )
    return None


def _party_to(key: str, criterion: str, label: str) -> Criterion:
    def check(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
        part = getattr(s, key)
        if part is None:
            return _unknown(criterion, f"participation in {label} is not recorded")
        if is_party(part, on) and part.consent:
            return _evidence(
                criterion, f"party to {label} since {part.consent.date}", part.consent.source
            )
        return None

    return check


apmbc_party = _party_to("apmbc", "apmbc-party", "the Mine Ban Convention")
apmbc_party.__doc__ = """2023-2024 work plan, target states (2): parties to the
Anti-Personnel Mine Ban Convention not yet in the CCM."""
CRITERIA.add("apmbc-party", "party to the Mine Ban Convention", apmbc_party)
ccw_apii_party = _party_to("ccw_apii", "ccw-apii", "CCW Amended Protocol II")
ccw_apii_party.__doc__ = """2023-2024 work plan, target states (3): CCW Amended Protocol II."""
CRITERIA.add("ccw-apii", "party to CCW Amended Protocol II", ccw_apii_party)
ccw_pv_party = _party_to("ccw_pv", "ccw-pv", "CCW Protocol V")
ccw_pv_party.__doc__ = """2023-2024 work plan, target states (3): CCW Protocol V."""
CRITERIA.add("ccw-pv", "party to CCW Protocol V", ccw_pv_party)


def adopted_on(r: m.Resolution) -> dt.date:
    """A resolution's adoption day (the end of its year when the day is not known)."""
    return r.adopted or dt.date(r.year, 12, 31)


def vote_years(ds: Dataset, on: dt.date) -> list[int]:
    """Years whose resolution was adopted on or before ``on``, newest first, whether or
    not its per-state votes are recorded (a resolution whose day is unknown counts as
    adopted by the end of its year)."""
    return sorted((y for y, r in ds.resolutions.items() if adopted_on(r) <= on), reverse=True)


def vote_on(ds: Dataset, s: m.State, year: int) -> str | None:
    """A state's recorded vote in ``year``: yes, no, abstain, absent; ``unknown`` when the
    year's per-state votes are not recorded (or the record says unknown); None when the
    year is recorded and the state has no vote (it is not a UN member that votes)."""
    r = ds.resolutions.get(year)
    if r is None or not r.per_state:
        return "unknown"
    return s.unga_votes.get(year)


@CRITERIA.register("unga-yes", "voted yes on the latest UNGA CCM resolution")
def voted_yes_latest(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """2023-2024 work plan, target states (4): voted in favour of the UNGA resolution
    "Implementation of the Convention on Cluster Munitions" (the latest adopted on the
    date; unknown when that year's per-state votes are not recorded)."""
    years = vote_years(ds, on)
    if not years:
        return None
    year = years[0]
    r = ds.resolutions[year]
    vote = vote_on(ds, s, year)
    if vote == "unknown":
        why = (
            f"its {year} vote is not known"
            if r.per_state
            else f"the {year} per-state votes are not recorded"
        )
        return _unknown("unga-yes", why, r.source)
    start = counts_from(ds, s, on)
    if vote == "yes" and _counts(PartialDate.parse(adopted_on(r)), start):
        fact = f"voted yes on {r.symbol or 'the resolution'} ({year})"
        return _evidence("unga-yes", fact, r.source, adopted_on(r))
    return None


CONSISTENT_YEARS = 3


@CRITERIA.register("unga-yes-consistent", "voted yes in each of the last 3 years")
def voted_yes_consistently(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
    """Consistency variant of criterion (4): yes on each of the last three resolutions
    adopted on the date; unknown when a year's per-state votes are not recorded and every
    recorded one was yes."""
    years = vote_years(ds, on)[:CONSISTENT_YEARS]
    if len(years) < CONSISTENT_YEARS:
        return None
    start = counts_from(ds, s, on)
    votes = {y: vote_on(ds, s, y) for y in years}
    if any(v not in ("yes", "unknown") for v in votes.values()):
        return None
    if any(not _counts(PartialDate.parse(adopted_on(ds.resolutions[y])), start) for y in years):
        return None  # a vote before the state's withdrawal does not count
    sources = [sid for y in years for sid in m.source_ids(ds.resolutions[y].source)]
    missing = [y for y, v in votes.items() if v == "unknown"]
    if missing:
        listed = ", ".join(str(y) for y in sorted(missing))
        return _unknown("unga-yes-consistent", f"per-state votes for {listed} are not recorded")
    last = adopted_on(ds.resolutions[years[0]])
    return _evidence(
        "unga-yes-consistent", f"voted yes every year {years[-1]}-{years[0]}", sources, last
    )


def known_since(ds: Dataset, source: m.SourceRef | None) -> PartialDate | None:
    """When a fact with no date of its own was known: the earliest edition date
    (``as_at``) of the sources stating it; None when no source gives one."""
    days = []
    for sid in m.source_ids(source):
        src = ds.sources.get(sid)
        if src is not None and src.as_at is not None:
            days.append(PartialDate.parse(src.as_at))
    return min(days, key=lambda d: d.sort_key) if days else None


def commitment_date(ds: Dataset, c: m.Commitment) -> PartialDate | None:
    """A commitment's date: its own (a day, a month or a year), else the date of the
    source edition that reports it."""
    return c.date if c.date is not None else known_since(ds, c.source)


def _commitment(criterion: str, kinds: tuple[str, ...]) -> Criterion:
    def check(ds: Dataset, s: m.State, on: dt.date) -> Evidence | None:
        start = counts_from(ds, s, on)
        met: list[tuple[PartialDate, m.Commitment]] = []
        maybe: list[m.Commitment] = []
        for c in s.commitments:
            if c.kind not in kinds:
                continue
            when = commitment_date(ds, c)
            if when is None:
                maybe.append(c)
                continue
            if not _counts(when, start):
                continue
            known = when.on_or_before(on)
            if known is Verdict.MET:
                met.append((when, c))
            elif known is Verdict.UNKNOWN:
                maybe.append(c)
        if met:
            when, c = max(met, key=lambda wc: wc[0].sort_key)
            return _evidence(criterion, f"{c.summary} ({when})", c.source, when)
        if maybe:
            c = maybe[-1]
            when = commitment_date(ds, c)
            why = f"{c.summary} ({when or 'undated'}): not known to be before {on}"
            return _unknown(criterion, why, c.source)
        return None

    return check


declared_support = _commitment("declaration", ("declaration",))
declared_support.__doc__ = """2023-2024 work plan, target states (5): unilateral
declarations in support of the Convention's norms."""
CRITERIA.add("declaration", "declared support for the norms", declared_support)
voluntary_report = _commitment("voluntary-report", ("voluntary_report",))
voluntary_report.__doc__ = """Target states (5): voluntarily submitted transparency reports."""
CRITERIA.add("voluntary-report", "submitted a voluntary transparency report", voluntary_report)
interim_steps = _commitment("interim-steps", ("moratorium", "interim_step"))
interim_steps.__doc__ = """Target states (5) and the 2016-2017 concept note 3(c): moratoria on
use, production or export, stockpile destruction and other interim steps."""
CRITERIA.add("interim-steps", "moratorium or other interim step", interim_steps)
