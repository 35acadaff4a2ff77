"""Finding a state from what a user types: one resolver for every option that takes
a state (``show STATE``, ``deadlines --state``, ``targets``…)."""

from __future__ import annotations

from .. import schema as m
from ..dataset import Dataset


def find_state(ds: Dataset, query: str) -> m.State:
    """A state by ISO alpha-3 code, exact name, or a unique part of its name."""
    q = query.strip()
    if q.upper() in ds.states:
        return ds.states[q.upper()]
    low = q.lower()
    exact = [s for s in ds.states.values() if s.name.lower() == low]
    if exact:
        return exact[0]
    partial = sorted((s for s in ds.states.values() if low in s.name.lower()), key=lambda s: s.name)
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(f"{s.name} ({s.iso3})" for s in partial[:8])
        raise LookupError(f"{query!r} matches several states: {names}")
    raise LookupError(f"no state matches {query!r}; use an ISO alpha-3 code such as IDN")
