"""The target criteria: why a state not party is worth approaching.

Each criterion is one function ``(dataset, state, on) -> Evidence | None`` with a
docstring citing the plan it comes from, registered in :data:`CRITERIA` with its id
and label. To add one: write the function, register it, give it a weight in
``data/dataset.yaml`` (``target_weights``; ``validate`` warns while it has none), add a
test in ``tests/test_targets.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .. import schema as m
from ..dataset import Dataset
from ..domain.treaty import ccm_status, is_party
from .registry import Registry


@dataclass(frozen=True)
class Evidence:
    """Why a criterion is met: the fact, and the sources that state it."""

    criterion: str
    fact: str
    sources: tuple[str, ...] = ()


Criterion = Callable[[Dataset, m.State, dt.date], Evidence | None]
CRITERIA: Registry[Criterion] = Registry("target criterion")
"""The target criteria, in the order tables and help list them."""


def _evidence(criterion: str, fact: str, source: m.SourceRef | None) -> Evidence:
    return Evidence(criterion, fact, tuple(m.source_ids(source)))


@CRITERIA.register("signatory", "signatory that has not ratified")
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


@CRITERIA.register("withdrawn", "former State Party that withdrew")
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
CRITERIA.add("apmbc-party", "party to the Mine Ban Convention", apmbc_party)
ccw_apii_party = _party_to("ccw_apii", "ccw-apii", "CCW Amended Protocol II")
ccw_apii_party.__doc__ = """2023-2024 work plan, target states (3): CCW Amended Protocol II."""
CRITERIA.add("ccw-apii", "party to CCW Amended Protocol II", ccw_apii_party)
ccw_pv_party = _party_to("ccw_pv", "ccw-pv", "CCW Protocol V")
ccw_pv_party.__doc__ = """2023-2024 work plan, target states (3): CCW Protocol V."""
CRITERIA.add("ccw-pv", "party to CCW Protocol V", ccw_pv_party)


def vote_years(ds: Dataset, on: dt.date) -> list[int]:
    """Years whose resolution was adopted on or before ``on``, newest first, whether or
    not its per-state votes are recorded (a resolution whose day is unknown counts as
    adopted by the end of its year)."""
    return sorted(
        (y for y, r in ds.resolutions.items() if (r.adopted or dt.date(y, 12, 31)) <= on),
        reverse=True,
    )


@CRITERIA.register("unga-yes", "voted yes on the latest UNGA CCM resolution")
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


@CRITERIA.register("unga-yes-consistent", "voted yes in each of the last 3 years")
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
CRITERIA.add("declaration", "declared support for the norms", declared_support)
voluntary_report = _commitment("voluntary-report", ("voluntary_report",))
voluntary_report.__doc__ = """Target states (5): voluntarily submitted transparency reports."""
CRITERIA.add("voluntary-report", "submitted a voluntary transparency report", voluntary_report)
interim_steps = _commitment("interim-steps", ("moratorium", "interim_step"))
interim_steps.__doc__ = """Target states (5) and the 2016-2017 concept note 3(c): moratoria on
use, production or export, stockpile destruction and other interim steps."""
CRITERIA.add("interim-steps", "moratorium or other interim step", interim_steps)
