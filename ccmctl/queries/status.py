"""``ccmctl status``: how many States Parties, signatories, states not party and
withdrawn states there are on a date, overall and by region."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..dataset import Dataset
from ..domain.treaty import ENTRY_INTO_FORCE, STATUSES, Status, ccm_status, deposited_not_in_force

SCHEMA_VERSION = 2
"""Of the JSON that ``status --format json`` prints: 2 added ``schema_version`` and
``not_yet_in_force``; the keys of version 1 are unchanged."""

GroupBy = Literal["region", "subregion"]


@dataclass
class StatusResult:
    as_of: dt.date
    counts: dict[Status, int]
    states: dict[Status, list[str]]
    by: GroupBy | None = None
    groups: list[dict[str, object]] = field(default_factory=list)
    not_yet_in_force: list[str] = field(default_factory=list)
    """States Parties (as the depositary counts them: deposited) for which the
    Convention has not yet entered into force on the date (Art. 17)."""

    @property
    def before_entry_into_force(self) -> bool:
        """Before 1 August 2010 the Convention had ratifying states, not States Parties."""
        return self.as_of < ENTRY_INTO_FORCE

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "schema_version": SCHEMA_VERSION,
            "as_of": self.as_of.isoformat(),
            "counts": dict(self.counts),
            "states": {k: list(v) for k, v in self.states.items()},
            "not_yet_in_force": {
                "count": len(self.not_yet_in_force),
                "states": list(self.not_yet_in_force),
            },
        }
        if self.by:
            out["by"] = self.by
            out["groups"] = self.groups
        return out


def status_by_iso3(ds: Dataset, on: dt.date) -> dict[str, Status]:
    """Every state's CCM standing on ``on``."""
    return {iso3: ccm_status(s, on) for iso3, s in ds.states.items()}


def status(ds: Dataset, on: dt.date, by: GroupBy | None = None) -> StatusResult:
    """Counts and lists of states by CCM standing on ``on`` (sorted by ISO code)."""
    standing = status_by_iso3(ds, on)
    states: dict[Status, list[str]] = {k: [] for k in STATUSES}
    for iso3 in sorted(standing):
        states[standing[iso3]].append(iso3)
    counts = {k: len(v) for k, v in states.items()}
    waiting = [iso3 for iso3 in states["party"] if deposited_not_in_force(ds.states[iso3], on)]
    result = StatusResult(on, counts, states, by, not_yet_in_force=waiting)
    if by:
        groups: dict[str, dict[str, object]] = {}
        for iso3 in sorted(standing):
            slug = getattr(ds.states[iso3], by)
            row = groups.setdefault(
                slug,
                {
                    "group": slug,
                    "name": ds.region_name(slug),
                    **{k: 0 for k in STATUSES},
                    "total": 0,
                },
            )
            row[standing[iso3]] = int(row[standing[iso3]]) + 1  # type: ignore[call-overload]
            row["total"] = int(row["total"]) + 1  # type: ignore[call-overload]
        result.groups = [groups[k] for k in sorted(groups, key=lambda s: ds.region_name(s))]
    return result
